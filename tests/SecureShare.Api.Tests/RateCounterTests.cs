using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>The installation's attempt counter, on the database each provider runs it on (in the process on SQLite).</summary>
public abstract class RateCounterTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Concurrent_attempts_on_one_key_each_count_exactly_once()
    {
        var counter = App.Services.GetRequiredService<IRateCounter>();
        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await counter.CountAsync("concurrent", default))));
        counts.Order().ShouldBe(Enumerable.Range(1, 40));
        (await counter.CountAsync("another key", default)).ShouldBe(1);
    }

    [Fact]
    public async Task A_window_lasts_a_minute_from_its_first_attempt_and_the_next_one_starts_afresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = App.CreateFactory(new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(clock));
        var counter = host.Services.GetRequiredService<IRateCounter>();
        (await counter.CountAsync("windowed", default)).ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(59));
        (await counter.CountAsync("windowed", default)).ShouldBe(2);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await counter.CountAsync("windowed", default)).ShouldBe(1);
        (await counter.CountAsync("windowed", default)).ShouldBe(2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RateCounterTests_Sqlite(SqliteApp app) : RateCounterTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RateCounterTests_Postgres(PostgresApp app) : RateCounterTests(app);

/// <summary>On PostgreSQL the counts commit without waiting for the disk; everything else still does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RateCounterCommitTests(PostgresApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Counts_commit_without_waiting_for_the_disk_and_every_other_connection_keeps_the_servers_setting()
    {
        // The test server runs with synchronous_commit=off for speed: what shows is who set it on the connection.
        var options = App.Services.GetRequiredService<SecureShare.BuildingBlocks.Persistence.DatabaseOptions>();
        (await SynchronousCommitAsync(options.CreateUnhurriedCommitConnection())).ShouldBe("off set by client");
        (await SynchronousCommitAsync(options.CreateConnection())).ShouldNotEndWith("set by client");
    }

    private static async Task<string?> SynchronousCommitAsync(System.Data.Common.DbConnection connection)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var show = connection.CreateCommand();
            show.CommandText = "SELECT setting || ' set by ' || source FROM pg_settings WHERE name = 'synchronous_commit'";
            return (string?)await show.ExecuteScalarAsync();
        }
    }
}
