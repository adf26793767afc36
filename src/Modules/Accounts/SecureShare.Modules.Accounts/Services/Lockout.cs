using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// A wrong password counts towards lockout, at sign-in and at a password change alike: one conditional
/// UPDATE, so parallel guesses each count; the one that reaches the limit locks the account and starts over.
/// </summary>
internal static class Lockout
{
    public static Task CountFailureAsync(AccountsDbContext tenantDb, Guid userId, AuthOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var lockUntil = now.Add(options.LockoutDuration);
        var max = options.MaxFailedLogins;
        return tenantDb.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(
            s => s
                .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= max ? 0 : u.FailedLoginCount + 1)
                .SetProperty(u => u.LockoutEndsAt, u => u.FailedLoginCount + 1 >= max ? lockUntil : u.LockoutEndsAt),
            ct);
    }
}
