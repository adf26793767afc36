using System.Diagnostics;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>The benchmark harness in its small mode (seconds), so it cannot rot: it must run end to end and print every figure.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task The_benchmark_harness_runs_end_to_end_in_its_small_mode()
    {
        var server = Environment.GetEnvironmentVariable(PostgresTestDatabase.ServerVariable);
        server.ShouldNotBeNullOrEmpty("run the tests with scripts/test.sh, which starts PostgreSQL");
        var harness = HostProcess.BuiltAssembly(Path.Combine("benchmarks", "SecureShare.Benchmarks"), "SecureShare.Benchmarks.dll");

        var report = await RunAsync(harness, "--postgres", server!);
        report.ShouldContain("| bulk share |");
        report.ShouldContain("| list, client, deep page | 16 |");
        report.ShouldContain("| reveal | 16 |");
        report.ShouldContain("Peak host memory");
        report.ShouldContain("GET /audit/export?format=jsonl streamed");
        report.ShouldContain("- sealer");
        report.ShouldContain("| password + TOTP code (two requests) |");
        report.ShouldContain("| download (checked whole first, then sent) |");
        report.ShouldNotContain("NaN", Case.Sensitive);

        // and on the embedded SQLite default, without the limits (the bare endpoints are PostgreSQL's)
        var sqlite = await RunAsync(harness, "--sqlite");
        sqlite.ShouldContain("on SQLite");
        sqlite.ShouldContain("| reveal | 16 |");
        sqlite.ShouldNotContain("NaN", Case.Sensitive);
    }

    private static async Task<string> RunAsync(string harness, params string[] database)
    {
        using var run = Process.Start(new ProcessStartInfo("dotnet", [harness, .. database, "--small", "--credentials", "600", "--bulk", "200", "--requests", "16", "--audit-events", "20000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = run.StandardOutput.ReadToEndAsync();
        var errors = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        run.ExitCode.ShouldBe(0, await errors);
        return await output;
    }
}
