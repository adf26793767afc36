using System.Data.Common;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// One database-wide lock held for the whole of a migration (every module's migrations and the job store's schema), on
/// a connection of its own, so that hosts starting together on an empty or older database migrate one after the
/// other: the first applies, the others then find nothing pending. PostgreSQL: a session advisory lock; SQL Server: an
/// application lock owned by the session; SQLite: none (one host, and its write lock already serialises). A host that
/// dies while holding it loses its connection, and with it the lock.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    private const string Resource = "secureshare:migrate";

    private readonly DbConnection? _connection;
    private readonly DatabaseProvider _provider;

    private MigrationLock(DbConnection? connection, DatabaseProvider provider)
    {
        _connection = connection;
        _provider = provider;
    }

    public static async Task<MigrationLock> AcquireAsync(DatabaseOptions options, CancellationToken ct)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            return new MigrationLock(null, options.Provider);
        }

        var connection = options.CreateConnection();
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, options.Provider == DatabaseProvider.PostgreSql
            ? $"SELECT pg_advisory_lock(hashtextextended('{Resource}', 0))"
            : $"DECLARE @granted int; EXEC @granted = sp_getapplock @Resource = '{Resource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1; IF @granted < 0 THROW 50002, 'The migration lock was not granted.', 1;",
            ct);
        return new MigrationLock(connection, options.Provider);
    }

    /// <summary>Released explicitly: a pooled connection keeps its session (and a session lock) when it is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        await ExecuteAsync(_connection, _provider == DatabaseProvider.PostgreSql
            ? $"SELECT pg_advisory_unlock(hashtextextended('{Resource}', 0))"
            : $"EXEC sp_releaseapplock @Resource = '{Resource}', @LockOwner = 'Session';",
            CancellationToken.None);
        await _connection.DisposeAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0; // as long as another host's migration takes; the start-up's cancellation ends the wait
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A schema that is not a module's (the job store's), prepared under the same lock right after the migrations.</summary>
public interface ISchemaInstaller
{
    Task InstallAsync(DbConnection connection, CancellationToken ct);
}
