using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>A user's TOTP seed as stored: encrypted under the tenant's data key, bound to the user and this field.</summary>
internal static class TotpSeeds
{
    public const string Field = "totp-seed";

    /// <summary>
    /// Accepts a code of time step <paramref name="step"/> once: one conditional UPDATE moves the user's last accepted
    /// step forward, so a code of that step or an earlier one (a replay, or the same code twice at once) is refused.
    /// </summary>
    public static async Task<bool> AcceptStepAsync(AccountsDbContext tenantDb, Guid userId, long step, CancellationToken ct) =>
        await tenantDb.Users.Where(u => u.Id == userId && u.TotpLastStep < step).ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), ct) == 1;
}
