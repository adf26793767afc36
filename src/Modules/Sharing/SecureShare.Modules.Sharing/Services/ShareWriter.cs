using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Features.Shares;

namespace SecureShare.Modules.Sharing.Services;

/// <summary>
/// A share request decided item by item against the shares as they stand (read under the family lock), with the names
/// of the credentials the caller may see (for the events).
/// </summary>
internal sealed record SharePlan(
    TenantInfo Origin, TenantInfo Target, ShareTerms Terms, IReadOnlyList<ShareItemResult> Items, IReadOnlyDictionary<Guid, Share> Existing,
    IReadOnlyDictionary<Guid, string> Names)
{
    public List<Guid> With(ShareOutcome outcome) => Items.Where(i => i.Outcome == outcome).Select(i => i.CredentialId).ToList();
}

/// <summary>A folder share rule that makes shares, and the target's folder its credentials arrive in.</summary>
internal sealed record RuleSource(Guid RuleId, Guid? TargetFolderId);

/// <summary>
/// Shares, updates or stops many credentials with one target tenant: decides each item (shared,
/// updated, unchanged, stopped, refused with a reason), then applies everything permitted in the
/// caller's transaction with a constant number of statements, whatever the number of items. A single
/// share is the same request with one item.
/// </summary>
internal sealed class ShareWriter(SharingDbContext db, ICurrentUser caller, IMediator mediator, TimeProvider clock, IAuditTrail audit, ShareEnding ending)
{
    public async Task<SharePlan> PlanAsync(TenantInfo target, IReadOnlyList<Guid> credentialIds, ShareTerms terms, CancellationToken ct)
    {
        var me = caller.Required;
        await db.LockFamilyAsync(me.Tenant, ct);
        if (terms.Enabled)
        {
            await CheckAudienceAsync(target, terms.Audience, ct);
        }

        var ids = credentialIds.Distinct().ToList();
        var visible = (await mediator.Send(new FindVisibleEntries(ids), ct)).ToDictionary(e => e.CredentialId);
        var existing = await db.Shares.Include(s => s.Audience).AsNoTracking()
            .Where(s => s.TargetTenantId == target.Id && ids.Contains(s.CredentialId))
            .ToDictionaryAsync(s => s.CredentialId, ct);

        var items = ids.Select(id =>
            !visible.TryGetValue(id, out var entry) ? ShareItemResult.Refused(id, ShareRefusal.NotFound)
            : entry.OriginTenantId != me.Tenant.Id ? ShareItemResult.Refused(id, ShareRefusal.NotOwner)
            : new ShareItemResult(id, ShareDecision.Decide(existing.GetValueOrDefault(id), terms))).ToList();
        return new SharePlan(me.Tenant, target, terms, items, existing, visible.ToDictionary(e => e.Key, e => e.Value.Name));
    }

    /// <summary>Every user and group of the audience is one of the target tenant's (else 404, as any id not found).</summary>
    public async Task CheckAudienceAsync(TenantInfo target, ShareAudience audience, CancellationToken ct)
    {
        using (TenantContext.Begin(target))
        {
            if ((await mediator.Send(new FindUsers(audience.UserIds), ct)).Count != audience.UserIds.Distinct().Count()
                || (await mediator.Send(new FindGroups(audience.GroupIds), ct)).Count != audience.GroupIds.Distinct().Count())
            {
                throw new NotFoundException("Audience user or group");
            }
        }
    }

    /// <summary>Applies the plan; <paramref name="rule"/> when a folder share rule makes these shares (marked as its, by it alone).</summary>
    public async Task ApplyAsync(SharePlan plan, CancellationToken ct, RuleSource? rule = null)
    {
        var refused = plan.Items.Where(i => i.Outcome == ShareOutcome.Refused).ToList();
        await audit.RecordManyAsync(
            refused.Select(i => new AuditRecord(
                    ShareAuditEvents.Refused, AuditOutcome.Denied, [new AuditTarget(AuditTargetKinds.Credential, i.CredentialId, plan.Names.GetValueOrDefault(i.CredentialId)), new AuditTarget(AuditTargetKinds.Tenant, plan.Target.Id, plan.Target.Name)],
                    new Dictionary<string, string> { ["reason"] = i.Reason! }))
                .ToList(),
            ct);

        if (!plan.Terms.Enabled)
        {
            await ending.EndAsync(plan.Origin, plan.Target, plan.With(ShareOutcome.Stopped), ShareEnd.Stopped, ct, names: plan.Names);
            return;
        }

        var (terms, target) = (plan.Terms, plan.Target);
        var added = plan.With(ShareOutcome.Shared);
        var updated = plan.With(ShareOutcome.Updated);
        var now = clock.GetUtcNow();
        var me = caller.Required;
        await db.InsertManyAsync(
            added.Select(id => new Share
            {
                CredentialId = id,
                TargetTenantId = target.Id,
                Permission = terms.Permission,
                AudienceEveryone = terms.Audience.Everyone,
                ExpiresAt = terms.ExpiresAt,
                CreatedAt = now,
                UpdatedAt = now,
                CreatedByUserId = me.UserId,
                CreatedByName = me.DisplayName,
                RuleId = rule?.RuleId,
                RuleOnly = rule is not null,
            }).ToList(),
            ct);
        if (updated.Count > 0)
        {
            var (byRule, ruleId) = (rule is not null, rule?.RuleId);
            await db.Shares.Where(s => s.TargetTenantId == target.Id && updated.Contains(s.CredentialId)).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Permission, terms.Permission)
                    .SetProperty(x => x.AudienceEveryone, terms.Audience.Everyone)
                    .SetProperty(x => x.ExpiresAt, terms.ExpiresAt)
                    .SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.RuleId, x => byRule ? ruleId : x.RuleId)
                    .SetProperty(x => x.RuleOnly, x => byRule && x.RuleOnly), // a share updated by hand is one by hand
                ct);
            await db.Set<ShareAudienceMember>().Where(a => a.TargetTenantId == target.Id && updated.Contains(a.CredentialId)).ExecuteDeleteAsync(ct);
        }

        var adopted = rule is null ? plan.With(ShareOutcome.Unchanged).Where(id => plan.Existing.GetValueOrDefault(id)?.RuleOnly == true).ToList() : [];
        if (adopted.Count > 0)
        {
            // asked for by hand on the terms a rule gave: now it outlasts the rule
            await db.Shares.Where(s => s.TargetTenantId == target.Id && adopted.Contains(s.CredentialId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RuleOnly, false), ct);
        }

        await db.InsertManyAsync(
            added.Concat(updated)
                .SelectMany(id => terms.Audience.Members().Select(m => new ShareAudienceMember { CredentialId = id, TargetTenantId = target.Id, PrincipalId = m.Id, Kind = m.Kind }))
                .ToList(),
            ct);

        var listings = added.Count == 0 ? [] : await mediator.Send(new GetCredentialListings(added), ct);
        if (added.Count > 0)
        {
            await mediator.Publish(new ShareCountsChanged(added, +1), ct);
        }

        var details = new Dictionary<string, string>
        {
            ["permission"] = terms.Permission.ToString(),
            ["everyone"] = terms.Audience.Everyone ? "true" : "false",
        };
        await audit.RecordManyAsync(
            [.. ShareEnding.Records(ShareAuditEvents.Created, added, plan.Names, target, details), .. ShareEnding.Records(ShareAuditEvents.Updated, updated, plan.Names, target, details)], ct);
        using (TenantContext.Begin(target))
        {
            if (added.Count > 0)
            {
                await mediator.Publish(new CredentialsSharedIn(listings, terms.Permission, terms.Audience, rule?.TargetFolderId), ct);
            }

            if (updated.Count > 0)
            {
                await mediator.Publish(new ShareTermsChanged(updated, terms.Permission, terms.Audience), ct);
            }

            await audit.RecordManyAsync(
                [.. ShareEnding.Records(ShareAuditEvents.Received, added, plan.Names, plan.Origin, details), .. ShareEnding.Records(ShareAuditEvents.Updated, updated, plan.Names, plan.Origin, details)], ct);
        }
    }

    /// <summary>
    /// For a preview: the users of the target tenant who would gain or lose access, counting the
    /// credentials for each. An entry keeps the target's folder (and its restriction) when only the terms change.
    /// </summary>
    public Task<AccessChanges> AccessChangesAsync(SharePlan plan, CancellationToken ct)
    {
        var eligible = plan.Items.Where(i => i.Outcome != ShareOutcome.Refused).Select(i => i.CredentialId).ToList();
        return AccessChangesAsync(plan.Target, plan.Terms, eligible, eligible.Where(plan.Existing.ContainsKey).ToList(), ct);
    }

    /// <summary>The same for <paramref name="eligible"/> credentials, of which <paramref name="shared"/> are shared with the target now.</summary>
    public async Task<AccessChanges> AccessChangesAsync(TenantInfo target, ShareTerms terms, IReadOnlyList<Guid> eligible, IReadOnlyList<Guid> shared, CancellationToken ct)
    {
        TenantMembers members;
        Dictionary<Guid, EntryAccess> current;
        using (TenantContext.Begin(target))
        {
            members = await mediator.Send(new ListTenantMembers(), ct);
            current = shared.Count == 0 ? [] : (await mediator.Send(new GetEntryAccess(shared), ct)).ToDictionary(e => e.CredentialId);
        }

        var resolver = new AccessResolver(members, isOrigin: false);
        var audience = terms.Audience.Principals.ToList();
        var gains = new Dictionary<Guid, int>();
        var losses = new Dictionary<Guid, int>();
        var diffs = new Dictionary<(object, object), (List<Guid> Gained, List<Guid> Lost)>();
        foreach (var id in eligible)
        {
            var before = current.GetValueOrDefault(id);
            var after = terms.Enabled ? new EntryAccess(id, terms.Audience.Everyone, audience, before?.FolderGroups) : null;
            var (seeBefore, seeAfter) = (resolver.WhoSees(before), resolver.WhoSees(after));
            if (!diffs.TryGetValue((seeBefore, seeAfter), out var diff))
            {
                var b = seeBefore.Select(u => u.UserId).ToHashSet();
                var a = seeAfter.Select(u => u.UserId).ToHashSet();
                diffs[(seeBefore, seeAfter)] = diff = ([.. a.Except(b)], [.. b.Except(a)]);
            }

            diff.Gained.ForEach(u => gains[u] = gains.GetValueOrDefault(u) + 1);
            diff.Lost.ForEach(u => losses[u] = losses.GetValueOrDefault(u) + 1);
        }

        var names = members.Users.ToDictionary(u => u.UserId, u => u.DisplayName);
        List<AccessChange> Changes(Dictionary<Guid, int> counts) =>
            counts.Select(c => new AccessChange(c.Key, names[c.Key], c.Value)).OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        return new AccessChanges(Changes(gains), Changes(losses));
    }
}
