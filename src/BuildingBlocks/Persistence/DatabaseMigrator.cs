using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// Applies every module's migrations for the configured provider, then prepares the other schemas (the job store's),
/// all under one database-wide <see cref="MigrationLock"/> (at start, or by the migrate command).
/// </summary>
public sealed class DatabaseMigrator(
    IServiceScopeFactory scopes, ModuleContextRegistry registry, DatabaseOptions options, IEnumerable<ISchemaInstaller> installers, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        if (session.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one request writes; set once per database file.
            await session.Connection.OpenAsync(cancellationToken);
            await using var pragma = session.Connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var exclusive = await MigrationLock.AcquireAsync(options, cancellationToken);
        foreach (var type in registry.ContextTypes)
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(type);
            if (session.Provider == DatabaseProvider.PostgreSql)
            {
                // Npgsql's migrator finds out whether the history table exists by reading it, and logs the failure on an
                // empty database as an error (npgsql/efcore.pg#3407): an operator's first start would show a screenful.
                // Made first, idempotently, it is simply read.
                await context.Database.ExecuteSqlRawAsync(context.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            }

            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) to {Context}", pending.Count, type.Name);
                await context.Database.MigrateAsync(cancellationToken);
            }
        }

        foreach (var installer in installers)
        {
            await using var connection = options.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await installer.InstallAsync(connection, cancellationToken);
        }
    }
}
