using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Removing second factors, one rule: recovery codes stand in for the other factors, so they go with the last of them.
/// </summary>
internal static class SecondFactors
{
    /// <summary>Removes the user's authenticator app (on or pending); true when an app was there.</summary>
    public static async Task<bool> RemoveTotpAsync(AccountsDbContext db, Guid userId, CancellationToken ct)
    {
        var removed = await db.Users.Where(u => u.Id == userId && (u.TotpSecret != null || u.TotpPendingSecret != null))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpSecret, (byte[]?)null).SetProperty(u => u.TotpPendingSecret, (byte[]?)null), ct);
        await DropOrphanedRecoveryCodesAsync(db, userId, ct);
        return removed == 1;
    }

    /// <summary>Removes one of the user's passkeys; false when the user has no such passkey.</summary>
    public static async Task<bool> RemovePasskeyAsync(AccountsDbContext db, Guid userId, Guid passkeyId, CancellationToken ct)
    {
        if (await db.Passkeys.Where(p => p.Id == passkeyId && p.UserId == userId).ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }

        await db.Users.Where(u => u.Id == userId && u.PasskeyCount > 0).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasskeyCount, u => u.PasskeyCount - 1), ct);
        await DropOrphanedRecoveryCodesAsync(db, userId, ct);
        return true;
    }

    /// <summary>
    /// An admin's reset: the app, every passkey, the recovery codes and any enrolment under way; the security stamp
    /// changes, so every session of the user ends (whoever held one may have been the reason for the reset). The user's
    /// row is updated first: it holds the row's lock, so a passkey being added meanwhile finds its pending options gone.
    /// </summary>
    public static async Task RemoveAllAsync(AccountsDbContext db, Guid userId, CancellationToken ct)
    {
        var stamp = User.NewSecurityStamp();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.TotpSecret, (byte[]?)null).SetProperty(u => u.TotpPendingSecret, (byte[]?)null).SetProperty(u => u.SecurityStamp, stamp)
                .SetProperty(u => u.PasskeyCount, 0).SetProperty(u => u.PasskeyPendingOptions, (string?)null).SetProperty(u => u.PasskeyPendingExpiresAt, (DateTimeOffset?)null),
            ct);
        await db.Passkeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
    }

    private static Task<int> DropOrphanedRecoveryCodesAsync(AccountsDbContext db, Guid userId, CancellationToken ct) =>
        db.RecoveryCodes.Where(c => c.UserId == userId && db.Users.Any(u => u.Id == userId && u.TotpSecret == null && u.PasskeyCount == 0)).ExecuteDeleteAsync(ct);
}
