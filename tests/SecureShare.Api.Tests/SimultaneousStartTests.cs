using System.Net;
using Npgsql;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Hosts of a rollout start together on a database that none has migrated yet: one migrates (every module, then the job
/// store's schema and the first cookie key) under a database-wide lock while the others wait, then find nothing left
/// to do. Before the lock, one
/// host in ten died on a migration the other had already applied, and Hangfire's installer logged errors in most tries.
/// </summary>
public sealed class SimultaneousStartTests : IDisposable
{
    private const int Hosts = 3;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"secureshare-simultaneous-{Guid.NewGuid():N}");

    /// <summary>Ten rounds as the issue asks when SECURESHARE_FULL_SCENARIOS=1 (by hand); three in the test command, to keep it short.</summary>
    private static int Rounds => Environment.GetEnvironmentVariable("SECURESHARE_FULL_SCENARIOS") == "1" ? 10 : 3;

    [Fact]
    public async Task Three_hosts_started_at_the_same_moment_on_an_empty_database_all_become_ready_round_after_round()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            await using var database = new PostgresTestDatabase();
            await database.CreateAsync();
            var starting = Enumerable.Range(1, Hosts).Select(i => HostProcess.StartAsync(
                    Path.Combine(_root, $"{round}-{i}"),
                    [.. HostProcess.OnPostgres(database.ConnectionString), "--Demo:Enabled", "false"]))
                .ToList();
            try
            {
                foreach (var host in await Task.WhenAll(starting))
                {
                    var ready = await new HttpClient { BaseAddress = host.BaseAddress }.GetAsync("/health/ready");
                    ready.StatusCode.ShouldBe(HttpStatusCode.OK, $"round {round}");
                    host.Output.ShouldNotContain(l => l.Contains("Exception", StringComparison.Ordinal), $"round {round}: {string.Join(Environment.NewLine, host.Output)}");
                }

                // One cookie key for all of them, made by the host that migrated: none made its own.
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT count(*) FROM accounts.data_protection_keys", connection);
                ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1, $"round {round}");
            }
            finally
            {
                foreach (var start in starting.Where(s => s.IsCompletedSuccessfully))
                {
                    (await start).Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
