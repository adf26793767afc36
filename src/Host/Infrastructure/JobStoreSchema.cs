using System.Data.Common;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Npgsql;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Hangfire's tables, prepared by the migration (under its database-wide lock) instead of by each host's job storage
/// when it is first made: hosts starting together raced there, and Hangfire's installer logged errors in most tries.
/// </summary>
internal sealed class JobStoreSchema(DatabaseProvider provider) : ISchemaInstaller
{
    public const string Name = "hangfire";

    public Task InstallAsync(DbConnection connection, CancellationToken ct)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            PostgreSqlObjectsInstaller.Install((NpgsqlConnection)connection, Name);
        }
        else
        {
            SqlServerObjectsInstaller.Install(connection, Name, enableHeavyMigrations: true);
        }

        return Task.CompletedTask;
    }
}
