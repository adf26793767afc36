using Microsoft.AspNetCore.DataProtection;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>Where the hosts of one installation keep their common cookie and antiforgery key ring.</summary>
public static class SharedKeyRing
{
    /// <summary>In the database every host shares (accounts.data_protection_keys), through Data Protection's EF Core store.</summary>
    public static IDataProtectionBuilder PersistKeysToAccountsDatabase(this IDataProtectionBuilder builder) =>
        builder.PersistKeysToDbContext<AccountsDbContext>();
}
