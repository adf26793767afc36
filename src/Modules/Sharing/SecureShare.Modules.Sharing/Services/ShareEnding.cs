using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Services;

/// <summary>
/// Ends one share, however it ends (stopped by the origin, stopped by the target, expired; revoked
/// later): the share row goes, the credential leaves the target tenant, the origin's copy is
/// flagged "needs rotation", and both tenants' logs record <c>share.{how}</c>, all in the caller's
/// transaction. Ending a share that no longer exists changes nothing and returns false.
/// </summary>
internal sealed class ShareEnding(ModuleDbContextFactory<SharingDbContext> contexts, IMediator mediator, IAuditTrail audit)
{
    public async Task<bool> EndAsync(TenantInfo origin, Guid credentialId, TenantInfo target, string how, CancellationToken ct)
    {
        using (TenantContext.Begin(origin))
        {
            var db = contexts.Create();
            var removed = await db.Shares.Where(s => s.CredentialId == credentialId && s.TargetTenantId == target.Id).ExecuteDeleteAsync(ct);
            if (removed == 0)
            {
                return false;
            }

            await mediator.Send(new FlagNeedsRotation(credentialId), ct);
            await mediator.Publish(new ShareCountChanged(credentialId, await db.Shares.CountAsync(s => s.CredentialId == credentialId, ct)), ct);
            await audit.RecordAsync(
                new AuditRecord($"share.{how}", AuditOutcome.Succeeded, [new AuditTarget("credential", credentialId), new AuditTarget("tenant", target.Id)]), ct);
        }

        using (TenantContext.Begin(target))
        {
            await mediator.Publish(new CredentialUnsharedFrom(credentialId), ct);
            await audit.RecordAsync(
                new AuditRecord($"share.{how}", AuditOutcome.Succeeded, [new AuditTarget("credential", credentialId), new AuditTarget("tenant", origin.Id)]), ct);
        }

        return true;
    }
}
