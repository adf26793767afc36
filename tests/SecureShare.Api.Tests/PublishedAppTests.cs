using System.Diagnostics;
using System.Net;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The published app runs anywhere, as a container or a service unit starts it: `dotnet publish` output, started from an
/// unrelated working directory by an unprivileged user who may write only its data directory, serves the API, the UI,
/// its static files and the link page, and the operator's rotate-master-key command works the same way.
/// </summary>
public sealed class PublishedAppTests : IDisposable
{
    /// <summary>The user the app runs as: not root, owner of nothing but the data directory.</summary>
    private const string Unprivileged = "65534";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"secureshare-published-{Guid.NewGuid():N}");

    private string App => Path.Combine(_root, "app");

    private string Data => Path.Combine(_root, "data");

    private string Elsewhere => Path.Combine(_root, "elsewhere");

    [Fact]
    public async Task The_published_app_starts_from_any_folder_as_an_unprivileged_user_writing_only_its_data_directory_and_rotates_its_key_there()
    {
        await PublishAsync();
        Directory.CreateDirectory(Elsewhere);
        Directory.CreateDirectory(Data);
        if (AsRoot)
        {
            await RunAsync("chown", Unprivileged + ":" + Unprivileged, Data);
            await RunAsync("chmod", "755", _root); // others may pass through to the app and its data, and write nothing
        }
        else
        {
            await RunAsync("chmod", "-R", "a-w", App, Elsewhere); // already unprivileged: take the write right away instead
        }

        var shipped = Listing(App);

        using (var host = await HostProcess.LaunchAsync(AsUnprivileged([.. HostProcess.ListenAnywhere, "--DataDirectory", Data])))
        {
            var http = new HttpClient { BaseAddress = host.BaseAddress };
            (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var styles = await http.GetAsync("/css/app.css");
            styles.StatusCode.ShouldBe(HttpStatusCode.OK);
            styles.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
            (await http.GetStringAsync("/login")).ShouldContain("Sign in");
            (await http.GetStringAsync("/s/any-token")).ShouldContain("<script src=\"/js/link.js\"");
            host.Output.ShouldContain(l => l.Contains("admin@demo-msp.example", StringComparison.Ordinal), "the demo starts on the embedded default");
        }

        var (exitCode, output) = await RunAsync(AsUnprivileged(["rotate-master-key", "--new-key", "--DataDirectory", Data]));
        exitCode.ShouldBe(0, output);
        output.ShouldContain("Re-wrapped 3 tenant data key");

        Listing(App).ShouldBe(shipped, "the app writes nothing beside itself");
        Directory.EnumerateFileSystemEntries(Elsewhere).ShouldBeEmpty("nor in the folder it was started from");
    }

    /// <summary>The app as the container image builds it: deploy/Dockerfile's `dotnet publish`, of what the test command built.</summary>
    private Task PublishAsync() => RunAsync("dotnet", Dockerfile.PublishArguments(App));

    /// <summary>Whether these tests run as root (a container's CI): then the app runs as nobody, else as this unprivileged user.</summary>
    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>`dotnet SecureShare.Host.dll …` from <see cref="Elsewhere"/>, as an unprivileged user.</summary>
    private ProcessStartInfo AsUnprivileged(IEnumerable<string> arguments)
    {
        string[] app = ["dotnet", Path.Combine(App, "SecureShare.Host.dll"), .. arguments];
        return new(AsRoot ? "setpriv" : app[0], AsRoot ? ["--reuid", Unprivileged, "--regid", Unprivileged, "--clear-groups", .. app] : app[1..])
        {
            WorkingDirectory = Elsewhere,
            Environment = { ["HOME"] = Data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
    }

    private static string[] Listing(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
        exitCode.ShouldBe(0, $"{file} {string.Join(' ', arguments)}: {output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            if (!AsRoot)
            {
                Process.Start("chmod", ["-R", "u+w", _root])!.WaitForExit(); // the write right taken away above
            }

            Directory.Delete(_root, recursive: true);
        }
    }
}
