using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Services;

internal static class SharedReads
{
    /// <summary>A read of a shared-in credential is recorded in the reader's log and in its origin's.</summary>
    public static async Task RecordOnBothSidesAsync(this IAuditTrail audit, CredentialsDbContext owner, AuditRecord record, CancellationToken ct)
    {
        await audit.RecordAsync(record, ct);
        if (owner.Tenant is { } origin && origin.Id != TenantContext.Current?.Id)
        {
            using (TenantContext.Begin(origin))
            {
                await audit.RecordAsync(record, ct);
            }
        }
    }
}
