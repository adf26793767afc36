using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Services;

/// <summary>
/// Keeps the shares of the ambient tenant's own credentials in line with its folder share rules: for a credential and a
/// target, the nearest folder upwards with a live rule for that target shares it. A credential that a rule covers and that
/// is not shared there is shared on the rule's terms (arriving in the target folder its Admins chose); one shared by
/// another rule alone takes this rule's terms; one shared by hand stays on its terms, marked as the rule's too. A share a
/// rule no longer covers stops (needs rotation, as any stop) when the rule alone made it; one made by hand too stays.
/// Runs in the caller's transaction whenever placements change (<see cref="PlacementsChanged"/>) and when a rule is saved or
/// removed. The caller's own tenant's rules only: an MSP that imports straight into a client's tenant does not share by the
/// client's rules (the shares would be the MSP's doing in the client's name); the client's rules take them once moved there.
/// Works through contexts of the ambient tenant, made when needed, so a request that writes in several tenants binds
/// none of its scoped contexts to the wrong one.
/// </summary>
internal sealed class FolderRuleSync(
    ModuleDbContextFactory<SharingDbContext> contexts, ISender mediator, ITenantStore tenants, ICurrentUser caller, IServiceProvider services, TimeProvider clock)
    : INotificationHandler<PlacementsChanged>, INotificationHandler<FolderDeleted>
{
    private bool InCallersTenant => caller.Principal?.Tenant.Id == TenantContext.Current?.Id;

    public async ValueTask Handle(PlacementsChanged notification, CancellationToken ct)
    {
        if (notification.CredentialIds.Count > 0 && InCallersTenant)
        {
            await SyncAsync(notification.CredentialIds, notification.New, ct);
        }
    }

    /// <summary>A deleted folder's rules go (audited as removed); what they alone shared stops unless a rule above shares it.</summary>
    public async ValueTask Handle(FolderDeleted notification, CancellationToken ct)
    {
        var db = contexts.Create();
        var rules = await db.FolderShareRules.Where(r => r.FolderId == notification.FolderId).ToListAsync(ct);
        if (rules.Count > 0)
        {
            db.FolderShareRules.RemoveRange(rules);
            await db.SaveChangesAsync(ct);
            foreach (var rule in rules)
            {
                var target = await tenants.FindAsync(rule.TargetTenantId, ct) ?? throw new TenantNotFoundException(rule.TargetTenantId);
                await services.GetRequiredService<IAuditTrail>().RecordAsync(
                    new AuditRecord(ShareAuditEvents.RuleRemoved, AuditOutcome.Succeeded,
                        [new AuditTarget(AuditTargetKinds.Folder, rule.FolderId), new AuditTarget(AuditTargetKinds.Tenant, target.Id, target.Name)],
                        new Dictionary<string, string> { ["reason"] = "its folder was deleted" }),
                    ct);
            }
        }

        if (notification.CredentialIds.Count > 0 && InCallersTenant)
        {
            await SyncAsync(notification.CredentialIds, isNew: false, ct);
        }
    }

    /// <summary>The live rules of the ambient tenant, by folder.</summary>
    public async Task<ILookup<Guid, FolderShareRule>> RulesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rules = await contexts.Create().FolderShareRules.Include(r => r.Audience).AsNoTracking().ToListAsync(ct);
        return rules.Where(r => r.ExpiresAt is not { } e || e > now).ToLookup(r => r.FolderId);
    }

    /// <summary>For each credential of the tree, the rule that shares it with each target (nearest folder first).</summary>
    public static Dictionary<(Guid Credential, Guid Target), FolderShareRule> Covered(OwnTree tree, ILookup<Guid, FolderShareRule> rules)
    {
        var covered = new Dictionary<(Guid, Guid), FolderShareRule>();
        foreach (var (credential, folder) in tree.FolderOf)
        {
            foreach (var rule in tree.Upwards(folder).SelectMany(f => rules[f]))
            {
                covered.TryAdd((credential, rule.TargetTenantId), rule); // the nearest rule for a target wins
            }
        }

        return covered;
    }

    public async Task SyncAsync(IReadOnlyCollection<Guid> credentialIds, bool isNew, CancellationToken ct)
    {
        var rules = await RulesAsync(ct);
        if (rules.Count == 0 && isNew)
        {
            return; // nothing shares new credentials, and none of theirs can be shared yet
        }

        var ids = credentialIds.Distinct().ToList();
        var db = contexts.Create();
        var existing = isNew ? [] : await db.Shares.AsNoTracking().Where(s => ids.Contains(s.CredentialId))
            .Select(s => new { s.CredentialId, s.TargetTenantId, s.RuleId, s.RuleOnly }).ToListAsync(ct);
        if (rules.Count == 0 && existing.All(s => s.RuleId is null))
        {
            return; // no rule covers anything, and none made these shares: a move in a tenant without rules costs two queries
        }

        var (writer, ending) = (services.GetRequiredService<ShareWriter>(), services.GetRequiredService<ShareEnding>());
        var covered = rules.Count == 0 ? [] : Covered(await mediator.Send(new GetOwnPlacements(ids), ct), rules);
        var shared = existing.ToDictionary(s => (s.CredentialId, s.TargetTenantId));

        // Covered: shared by the rule, or the rule takes over a share another rule made alone, or marks one made by hand.
        foreach (var byRule in covered.Where(c => !shared.TryGetValue(c.Key, out var s) || s.RuleId != c.Value.Id).GroupBy(c => c.Value.Id))
        {
            var rule = byRule.First().Value;
            var target = await tenants.FindAsync(rule.TargetTenantId, ct) ?? throw new TenantNotFoundException(rule.TargetTenantId);
            var byHand = byRule.Where(c => shared.TryGetValue(c.Key, out var s) && !s.RuleOnly).Select(c => c.Key.Credential).ToList();
            if (byHand.Count > 0)
            {
                await db.Shares.Where(s => s.TargetTenantId == target.Id && byHand.Contains(s.CredentialId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RuleId, rule.Id), ct);
            }

            var byRuleAlone = byRule.Select(c => c.Key.Credential).Except(byHand).ToList();
            if (byRuleAlone.Count > 0)
            {
                await writer.ApplyAsync(await writer.PlanAsync(target, byRuleAlone, rule.Terms, ct), ct, new RuleSource(rule.Id, rule.TargetFolderId));
                await db.Shares.Where(s => s.TargetTenantId == target.Id && byRuleAlone.Contains(s.CredentialId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RuleId, rule.Id), ct);
            }
        }

        // No longer covered: a share the rule made alone stops; one made by hand too loses the rule's mark.
        foreach (var byTarget in existing.Where(s => s.RuleId is not null && !covered.ContainsKey((s.CredentialId, s.TargetTenantId))).GroupBy(s => s.TargetTenantId))
        {
            var target = await tenants.FindAsync(byTarget.Key, ct) ?? throw new TenantNotFoundException(byTarget.Key);
            var kept = byTarget.Where(s => !s.RuleOnly).Select(s => s.CredentialId).ToList();
            if (kept.Count > 0)
            {
                await db.Shares.Where(s => s.TargetTenantId == target.Id && kept.Contains(s.CredentialId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RuleId, (Guid?)null), ct);
            }

            await ending.EndAsync(TenantContext.Current!, target, byTarget.Where(s => s.RuleOnly).Select(s => s.CredentialId).ToList(), ShareEnd.Stopped, ct);
        }
    }
}
