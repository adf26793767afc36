using System.Data;
using System.Data.Common;
using Npgsql;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// A database failure worth repeating: its provider says so (<see cref="DbException.IsTransient"/>: the connection died
/// or could not be made — a failover, a restart, a network blip — or a deadlock or serialization failure), or a
/// connection reached a leader that has become a replica. Never a wrong statement, and never anything but a database's.
/// </summary>
public static class TransientFailure
{
    /// <summary>How long work that failed this way is tried again: a Patroni failover takes about ten seconds, an availability group's a few.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(20);

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // 25006: read_only_sql_transaction.
            if (e is PostgresException { SqlState: "25006" } or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/>, and again after a transient failure until <see cref="RetryFor"/> has passed, with
    /// <paramref name="reset"/> between attempts. For work that is safe to repeat: a read, or a transaction that failed
    /// before its commit.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<Task> reset, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (e is not CommitOutcomeUnknownException && Is(e) && DateTime.UtcNow - started < RetryFor && !cancellationToken.IsCancellationRequested)
            {
                await reset();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 250 * attempts)), cancellationToken);
            }
        }
    }

    /// <summary>After a lost connection: closes it, and drops the pool's others too (after a failover they all lead to the old leader).</summary>
    public static async Task ResetAsync(DbConnection connection)
    {
        if (connection.State == ConnectionState.Open)
        {
            return; // a deadlock or a serialization failure: the connection is fine
        }

        switch (connection)
        {
            case NpgsqlConnection npgsql:
                NpgsqlConnection.ClearPool(npgsql);
                break;
            case Microsoft.Data.SqlClient.SqlConnection sql:
                Microsoft.Data.SqlClient.SqlConnection.ClearPool(sql);
                break;
        }

        await connection.CloseAsync();
    }
}

/// <summary>
/// The connection died while a transaction was committing: it may or may not have committed, so it is not repeated
/// (a retry could do the change twice). The caller is told to look before trying again.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The database connection was lost while the change was being saved.", inner);
