using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// The limits' counts in accounts.rate_windows, shared by every host on the database. One attempt is one statement, an
/// upsert that starts a new window or adds one to the current one and answers the count, so concurrent attempts on
/// any hosts serialise on the key's row and none is lost; its commit does not wait for the disk (a crash may forget the
/// last moment's counts; a durable commit cost every sign-in a disk flush per limit, +50 ms in the benchmark). It runs
/// on a connection of its own, outside any request transaction: a sign-in that fails and rolls back still counted; and
/// again, like a transaction, while the database fails over. Ended windows are swept a minute at a time.
/// </summary>
internal sealed class DatabaseRateCounter(DatabaseOptions database, TimeProvider clock) : IRateCounter
{
    private const string PostgreSqlCount = """
        INSERT INTO accounts.rate_windows ("KeyHash", "StartedAt", "Count") VALUES (@key, @now, 1)
        ON CONFLICT ("KeyHash") DO UPDATE SET
            "Count" = CASE WHEN rate_windows."StartedAt" > @since THEN rate_windows."Count" + 1 ELSE 1 END,
            "StartedAt" = CASE WHEN rate_windows."StartedAt" > @since THEN rate_windows."StartedAt" ELSE @now END
        RETURNING "Count"
        """;

    internal const string SqlServerCount = """
        MERGE accounts.rate_windows WITH (HOLDLOCK) AS w
        USING (SELECT @key AS [KeyHash]) AS attempt ON w.[KeyHash] = attempt.[KeyHash]
        WHEN MATCHED THEN UPDATE SET
            [Count] = CASE WHEN w.[StartedAt] > @since THEN w.[Count] + 1 ELSE 1 END,
            [StartedAt] = CASE WHEN w.[StartedAt] > @since THEN w.[StartedAt] ELSE @now END
        WHEN NOT MATCHED THEN INSERT ([KeyHash], [StartedAt], [Count]) VALUES (@key, @now, 1)
        OUTPUT inserted.[Count];
        """;

    private const string PostgreSqlSweep = """DELETE FROM accounts.rate_windows WHERE "StartedAt" <= @since""";

    internal const string SqlServerSweep = "DELETE FROM accounts.rate_windows WHERE [StartedAt] <= @since";

    private long _sweptAt;

    public async ValueTask<int> CountAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = database.CreateUnhurriedCommitConnection();
        var count = await TransientFailure.RetryAsync(
            async () =>
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.OpenAsync(ct);
                }

                await using var command = Command(connection, database.Provider == DatabaseProvider.PostgreSql ? PostgreSqlCount : SqlServerCount, now);
                Add(command, "key", SHA256.HashData(Encoding.UTF8.GetBytes(key)));
                Add(command, "now", now);
                return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            },
            () => TransientFailure.ResetAsync(connection),
            ct);
        await SweepAsync(connection, now);
        return count;
    }

    /// <summary>
    /// At most once a minute per host, after the count: deletes the windows that ended, so the table holds only the last
    /// minute's keys. A sweep that fails (a deadlock with a count) is left to the next minute; the attempt stands.
    /// </summary>
    private async Task SweepAsync(DbConnection connection, DateTimeOffset now)
    {
        if (!RateLimits.SweepDue(ref _sweptAt, now))
        {
            return;
        }

        try
        {
            await using var sweep = Command(connection, database.Provider == DatabaseProvider.PostgreSql ? PostgreSqlSweep : SqlServerSweep, now);
            await sweep.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            Interlocked.Exchange(ref _sweptAt, 0); // the next attempt sweeps again
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, DateTimeOffset now)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "since", now - RateLimits.Window);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
