using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.ContractHandlers;

/// <summary>Rewrites a credential's shares for its new owner, under the family lock (the credential's ownership move records the audit).</summary>
internal sealed class HandOverSharesHandler(
    ModuleDbContextFactory<SharingDbContext> contexts, ICurrentUser caller, ITenantStore tenants, TimeProvider clock)
    : ICommandHandler<HandOverShares, TenantInfo>
{
    public async ValueTask<TenantInfo> Handle(HandOverShares command, CancellationToken ct)
    {
        var me = caller.Required;
        var db = contexts.Create(); // the ambient (old owner's) tenant
        var owner = await db.LockedTargetAsync(tenants, me.Tenant, command.NewOwnerTenantId, ct);
        var targets = await db.Shares.Where(s => s.CredentialId == command.CredentialId).Select(s => s.TargetTenantId).ToListAsync(ct);
        var others = new List<string>();
        foreach (var id in targets.Where(t => t != owner.Id))
        {
            others.Add((await tenants.FindAsync(id, ct))?.Name ?? id.ToString());
        }

        if (others.Count > 0)
        {
            throw new ConflictException($"This credential is also shared with {string.Join(", ", others.Order())}; stop those shares first, so nobody loses it unseen.");
        }

        await db.Set<ShareAudienceMember>().Where(a => a.CredentialId == command.CredentialId).ExecuteDeleteAsync(ct);
        await db.Shares.Where(s => s.CredentialId == command.CredentialId).ExecuteDeleteAsync(ct);
        if (command.KeepShare)
        {
            var now = clock.GetUtcNow();
            using (TenantContext.Begin(owner))
            {
                var ownerDb = contexts.Create();
                ownerDb.Shares.Add(new Share
                {
                    CredentialId = command.CredentialId,
                    TargetTenantId = me.Tenant.Id,
                    Permission = SharePermission.Edit,
                    AudienceEveryone = true,
                    CreatedAt = now,
                    UpdatedAt = now,
                    CreatedByUserId = me.UserId,
                    CreatedByName = me.DisplayName,
                });
                await ownerDb.SaveChangesAsync(ct);
            }
        }

        return owner;
    }
}
