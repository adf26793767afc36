using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Services;

internal static class SharingLocks
{
    /// <summary>
    /// Every change to shares within one MSP family runs one at a time: a command reads the shares it
    /// decides on only after taking this lock, so concurrent bulk actions never duplicate or lose one.
    /// </summary>
    public static Task LockFamilyAsync(this SharingDbContext db, TenantInfo tenant, CancellationToken ct) =>
        db.Database.LockAsync($"sharing:{tenant.FamilyId:N}", ct);
}
