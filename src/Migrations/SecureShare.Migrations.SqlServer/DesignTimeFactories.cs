using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Migrations.SqlServer;

// Used only by dotnet-ef (scripts/add-migration.sh); the connection string is never opened.
internal static class DesignTime
{
    public const string ConnectionString = "Server=localhost;Database=SecureShare;Trusted_Connection=True;TrustServerCertificate=True";
}

internal sealed class AccountsFactory() : DesignTimeContextFactory<AccountsDbContext>(DatabaseProvider.SqlServer, DesignTime.ConnectionString);

internal sealed class AuditFactory() : DesignTimeContextFactory<AuditDbContext>(DatabaseProvider.SqlServer, DesignTime.ConnectionString);

internal sealed class CredentialsFactory() : DesignTimeContextFactory<CredentialsDbContext>(DatabaseProvider.SqlServer, DesignTime.ConnectionString);

internal sealed class FoldersFactory() : DesignTimeContextFactory<FoldersDbContext>(DatabaseProvider.SqlServer, DesignTime.ConnectionString);

internal sealed class SharingFactory() : DesignTimeContextFactory<SharingDbContext>(DatabaseProvider.SqlServer, DesignTime.ConnectionString);
