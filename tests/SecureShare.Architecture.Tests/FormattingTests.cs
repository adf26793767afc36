using System.Diagnostics;

namespace SecureShare.Tests;

/// <summary>The code keeps the style written down in .editorconfig: `dotnet format --verify-no-changes` finds nothing to change.</summary>
public sealed class FormattingTests
{
    [Fact]
    public async Task The_code_keeps_the_style_of_its_editorconfig()
    {
        var start = new ProcessStartInfo("dotnet", ["format", "SecureShare.slnx", "--verify-no-changes", "--no-restore", "--verbosity", "quiet"])
        {
            WorkingDirectory = SecureShare.Testing.HostProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var format = Process.Start(start)!;
        var output = format.StandardOutput.ReadToEndAsync();
        var errors = format.StandardError.ReadToEndAsync();
        await format.WaitForExitAsync();
        var report = await output + await errors;
        format.ExitCode.ShouldBe(0, $"run `dotnet format SecureShare.slnx` and commit what it changes:{Environment.NewLine}{report}");
    }
}
