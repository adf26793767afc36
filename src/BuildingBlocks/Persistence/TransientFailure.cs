using System.Data.Common;
using Npgsql;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// A failure that says only that the database could not be reached or its connection died (a failover, a restart, a
/// network blip), never that the statement was wrong: worth repeating once the connection is back.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 25006: a read-only transaction — the connection reached a node that was the leader and is now a replica.
                case PostgresException { SqlState: "25006" }:
                case DbException { IsTransient: true }:
                case System.Net.Sockets.SocketException:
                case IOException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Drops the pool's other connections too: after a failover they all lead to the old leader.</summary>
    public static void ClearPool(DbConnection connection)
    {
        switch (connection)
        {
            case NpgsqlConnection npgsql:
                NpgsqlConnection.ClearPool(npgsql);
                break;
            case Microsoft.Data.SqlClient.SqlConnection sql:
                Microsoft.Data.SqlClient.SqlConnection.ClearPool(sql);
                break;
        }
    }
}

/// <summary>
/// The connection died while a transaction was committing: it may or may not have committed, so it is not repeated
/// (a retry could do the change twice). The caller is told to look before trying again.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The database connection was lost while the change was being saved.", inner);
