using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Migrations.Sqlite;

// Used only by dotnet-ef (scripts/add-migration.sh); the connection string is never opened.
internal static class DesignTime
{
    public const string ConnectionString = "Data Source=design-time.db";
}

internal sealed class AccountsFactory() : DesignTimeContextFactory<AccountsDbContext>(DatabaseProvider.Sqlite, DesignTime.ConnectionString);

internal sealed class AuditFactory() : DesignTimeContextFactory<AuditDbContext>(DatabaseProvider.Sqlite, DesignTime.ConnectionString);

internal sealed class CredentialsFactory() : DesignTimeContextFactory<CredentialsDbContext>(DatabaseProvider.Sqlite, DesignTime.ConnectionString);

internal sealed class FoldersFactory() : DesignTimeContextFactory<FoldersDbContext>(DatabaseProvider.Sqlite, DesignTime.ConnectionString);

internal sealed class SharingFactory() : DesignTimeContextFactory<SharingDbContext>(DatabaseProvider.Sqlite, DesignTime.ConnectionString);
