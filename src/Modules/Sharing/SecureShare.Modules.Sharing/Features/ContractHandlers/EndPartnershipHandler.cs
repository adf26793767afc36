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

/// <summary>
/// Ends everything shared between the MSP (the caller's tenant) and one of its clients, active or already suspended:
/// every share both ways as a revocation with its links (<see cref="PartnerRevocation"/>), then every folder rule either
/// side keeps for the other, each removal in its side's log. Any other tenant is a 404.
/// </summary>
internal sealed class EndPartnershipHandler(
    SharingDbContext db, ModuleDbContextFactory<SharingDbContext> contexts, ICurrentUser caller, ITenantStore tenants, PartnerRevocation partners, IAuditTrail audit)
    : ICommandHandler<EndPartnership, PartnershipEnded>
{
    public async ValueTask<PartnershipEnded> Handle(EndPartnership command, CancellationToken ct)
    {
        var me = caller.Require(Ability.Administer);
        var client = await tenants.FindAsync(command.ClientTenantId, ct);
        if (client is null || client.State == TenantState.Deleted || !SharingEdge.Allows(me.Tenant, client) || me.Tenant.Kind != TenantKind.Msp)
        {
            throw new NotFoundException("Client");
        }

        await db.LockFamilyAsync(me.Tenant, ct);
        var (outgoing, incoming) = await partners.SharesAsync(me.Tenant, client, ct);
        if (command.DryRun)
        {
            return new PartnershipEnded(outgoing.Count, incoming.Count, [.. outgoing, .. incoming], 0, await RulesAsync(me.Tenant, client, remove: false, ct) + await RulesAsync(client, me.Tenant, remove: false, ct));
        }

        // Shares first: a share made by a rule names it.
        var (revoked, links) = await partners.EndAsync(me.Tenant, client, outgoing, incoming, ct);
        var rules = await RulesAsync(me.Tenant, client, remove: true, ct) + await RulesAsync(client, me.Tenant, remove: true, ct);
        return new PartnershipEnded(outgoing.Count, incoming.Count, revoked, links, rules);
    }

    /// <summary>The folder rules <paramref name="origin"/> keeps for <paramref name="target"/>: counted, or removed and each removal audited in the origin's log.</summary>
    private async Task<int> RulesAsync(TenantInfo origin, TenantInfo target, bool remove, CancellationToken ct)
    {
        using (TenantContext.Begin(origin))
        {
            var rules = contexts.Create().FolderShareRules.Where(r => r.TargetTenantId == target.Id);
            if (!remove)
            {
                return await rules.CountAsync(ct);
            }

            var folders = await rules.Select(r => r.FolderId).ToListAsync(ct);
            await rules.ExecuteDeleteAsync(ct); // their audience rows go with them (cascade)
            await audit.RecordManyAsync(
                folders.Select(folder => new AuditRecord(
                    ShareAuditEvents.RuleRemoved, AuditOutcome.Succeeded,
                    [new AuditTarget(AuditTargetKinds.Folder, folder, null), new AuditTarget(AuditTargetKinds.Tenant, target.Id, target.Name)],
                    new Dictionary<string, string> { ["reason"] = "client offboarded" })).ToList(),
                ct);
            return folders.Count;
        }
    }
}
