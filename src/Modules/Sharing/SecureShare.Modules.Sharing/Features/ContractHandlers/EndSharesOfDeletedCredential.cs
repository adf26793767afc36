using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.ContractHandlers;

/// <summary>Deleting a credential ends every share of it (recorded as "share.deleted" on both sides), in the deleting transaction.</summary>
internal sealed class EndSharesOfDeletedCredential(
    ModuleDbContextFactory<SharingDbContext> contexts, ITenantStore tenants, ShareEnding ending) : INotificationHandler<CredentialDeleted>
{
    public async ValueTask Handle(CredentialDeleted notification, CancellationToken ct)
    {
        var origin = TenantContext.Current ?? throw new TenantIsolationException("A credential is deleted inside its tenant.");
        var targets = await contexts.Create().Shares.Where(s => s.CredentialId == notification.CredentialId).Select(s => s.TargetTenantId).ToListAsync(ct);
        foreach (var targetId in targets)
        {
            var target = await tenants.FindAsync(targetId, ct) ?? throw new TenantNotFoundException(targetId);
            await ending.EndAsync(origin, target, [notification.CredentialId], ShareEnd.Deleted, ct,
                names: new Dictionary<Guid, string> { [notification.CredentialId] = notification.Name });
        }
    }
}
