using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Migrations.PostgreSql;

// Used only by dotnet-ef (scripts/add-migration.sh); the connection string is never opened.
internal static class DesignTime
{
    public const string ConnectionString = "Host=localhost;Database=secureshare;Username=secureshare";
}

internal sealed class AccountsFactory() : DesignTimeContextFactory<AccountsDbContext>(DatabaseProvider.PostgreSql, DesignTime.ConnectionString);

internal sealed class AuditFactory() : DesignTimeContextFactory<AuditDbContext>(DatabaseProvider.PostgreSql, DesignTime.ConnectionString);

internal sealed class CredentialsFactory() : DesignTimeContextFactory<CredentialsDbContext>(DatabaseProvider.PostgreSql, DesignTime.ConnectionString);

internal sealed class FoldersFactory() : DesignTimeContextFactory<FoldersDbContext>(DatabaseProvider.PostgreSql, DesignTime.ConnectionString);

internal sealed class SharingFactory() : DesignTimeContextFactory<SharingDbContext>(DatabaseProvider.PostgreSql, DesignTime.ConnectionString);
