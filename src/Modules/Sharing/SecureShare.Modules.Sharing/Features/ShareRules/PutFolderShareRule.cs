using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Features.Shares;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.ShareRules;

/// <summary>
/// An origin Admin's folder share rule: "share what is in this folder (and its subfolders) with client X" on these terms,
/// or (enabled: false) no longer. The answer lists every credential the rule covers with what saving it does (or, with
/// dryRun, would do) — shared, updated, unchanged (shared by hand: it keeps its own terms), stopped — and, in a preview,
/// who in the target gains or loses access. A subfolder's own rule for the same target wins below it. Audited in both
/// tenants' logs (each share) and in the origin's (the rule). A change of a folder holding more credentials than the jobs'
/// threshold answers 202 and runs as a job, still in one transaction, in steps of <see cref="JobProgress.Step"/>.
/// </summary>
public static class PutFolderShareRule
{
    public sealed record Body(bool? Enabled, AudienceBody? Audience, SharePermission? Permission, DateTimeOffset? ExpiresAt, bool DryRun = false);

    public sealed record Command(Guid FolderId, Guid TargetTenantId, bool? Enabled, AudienceBody? Audience, SharePermission? Permission, DateTimeOffset? ExpiresAt, bool DryRun)
        : ICommand<BulkShare.Response>, IShareTerms, IAuditsRefusals;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/folders/{id}/share-rules/{targetTenantId}", async Task<Results<Ok<BulkShare.Response>, Accepted<JobTicket>>> (
                Guid id, Guid targetTenantId, Body body, IMediator mediator, IJobs jobs, ICurrentUser caller, CancellationToken ct) =>
            {
                var command = new Command(id, targetTenantId, body.Enabled, body.Audience, body.Permission, body.ExpiresAt, body.DryRun);
                return await StartIfLargeAsync(command, mediator, jobs, caller, ct) is { } job
                    ? TypedResults.Accepted(job.Location, job)
                    : TypedResults.Ok(await mediator.Send(command, ct));
            })
            .WithSummary("Admin: share what is in a folder with a client (or the MSP) by a rule, change its terms, or remove it (enabled: false); dryRun previews who gains or loses access; a folder of more credentials than the jobs' threshold: 202 and a job.");

    /// <summary>
    /// Starts the change as a job when its folder holds more credentials than the jobs' threshold (never a preview): the
    /// API's route and the UI's page alike. Null: send it now. (Signed in only: an anonymous caller goes on to the 401.)
    /// </summary>
    public static async Task<JobTicket?> StartIfLargeAsync(Command command, ISender mediator, IJobs jobs, ICurrentUser caller, CancellationToken ct)
    {
        if (command.DryRun || caller.Principal is null)
        {
            return null;
        }

        var inFolder = (await mediator.Send(new GetOwnPlacements([], command.FolderId), ct)).FolderOf.Count;
        return inFolder > jobs.Threshold ? await jobs.StartAsync(command, Ability.Administer, inFolder, ct) : null;
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new ShareTermsValidator(clock));
    }

    internal sealed class Handler(
        SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ISender mediator, ShareWriter writer, FolderRuleSync sync, IAuditTrail audit, JobProgress progress, TimeProvider clock)
        : ICommandHandler<Command, BulkShare.Response>
    {
        public async ValueTask<BulkShare.Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var tree = await mediator.Send(new GetOwnPlacements([], command.FolderId), ct);
            if (!tree.ParentOf.ContainsKey(command.FolderId))
            {
                throw new NotFoundException("Folder");
            }

            var target = await db.LockedTargetAsync(tenants, me.Tenant, command.TargetTenantId, ct);
            var terms = ShareTermsValidator.Normalize(command);
            var rule = await db.FolderShareRules.Include(r => r.Audience).FirstOrDefaultAsync(r => r.FolderId == command.FolderId && r.TargetTenantId == target.Id, ct);
            if (terms.Enabled)
            {
                await writer.CheckAudienceAsync(target, terms.Audience, ct);
            }

            // What the rule covers once saved (or once removed: what it covered), and how each of those is shared there now.
            var rules = await sync.RulesAsync(ct);
            var proposed = new FolderShareRule { Id = rule?.Id ?? Guid.NewGuid(), FolderId = command.FolderId, TargetTenantId = target.Id, CreatedByName = me.DisplayName };
            var withProposed = rules.SelectMany(g => g).Where(r => r.Id != proposed.Id).Append(proposed).ToLookup(r => r.FolderId);
            var covered = FolderRuleSync.Covered(tree, withProposed).Where(c => c.Key.Target == target.Id && c.Value == proposed).Select(c => c.Key.Credential).ToList();
            var shares = await db.Shares.AsNoTracking().Where(s => s.TargetTenantId == target.Id && covered.Contains(s.CredentialId)).ToDictionaryAsync(s => s.CredentialId, ct);
            var byHand = covered.Where(id => shares.TryGetValue(id, out var s) && !s.RuleOnly).ToHashSet();
            var outer = terms.Enabled ? null : FolderRuleSync.Covered(tree, rules.SelectMany(g => g).Where(r => r.Id != proposed.Id).ToLookup(r => r.FolderId));
            var stopping = covered.Where(id => !byHand.Contains(id) && shares.ContainsKey(id) && outer?.ContainsKey((id, target.Id)) != true).ToList();

            var plan = await writer.PlanAsync(target, [.. covered.Where(id => !byHand.Contains(id))], terms, ct);
            var results = plan.Items.Select(i => terms.Enabled || stopping.Contains(i.CredentialId) ? i : i with { Outcome = ShareOutcome.Unchanged })
                .Concat(byHand.Select(id => new ShareItemResult(id, ShareOutcome.Unchanged))).ToList();
            if (command.DryRun)
            {
                var eligible = terms.Enabled ? plan.Items.Where(i => i.Outcome != ShareOutcome.Refused).Select(i => i.CredentialId).ToList() : stopping;
                return new BulkShare.Response(results, await writer.AccessChangesAsync(target, terms, eligible, eligible.Where(shares.ContainsKey).ToList(), ct));
            }

            await SaveAsync(rule, command, target, terms, me, ct);
            var done = 0;
            progress.Report(0, covered.Count);
            foreach (var step in covered.Chunk(progress.Tracked ? JobProgress.Step : Math.Max(covered.Count, 1)))
            {
                await sync.SyncAsync(step, isNew: false, ct);
                progress.Report(done += step.Length, covered.Count);
            }

            return new BulkShare.Response(results, null);
        }

        private async Task SaveAsync(FolderShareRule? rule, Command command, TenantInfo target, ShareTerms terms, SessionPrincipal me, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (!terms.Enabled)
            {
                if (rule is not null)
                {
                    db.FolderShareRules.Remove(rule);
                }
            }
            else
            {
                rule ??= db.FolderShareRules.Add(new FolderShareRule { FolderId = command.FolderId, TargetTenantId = target.Id, CreatedAt = now, CreatedByName = me.DisplayName }).Entity;
                (rule.Permission, rule.AudienceEveryone, rule.ExpiresAt, rule.UpdatedAt) = (terms.Permission, terms.Audience.Everyone, terms.ExpiresAt, now);
                rule.Audience.Clear();
                rule.Audience.AddRange(terms.Audience.Members().Select(m => new FolderShareRuleAudience { RuleId = rule.Id, PrincipalId = m.Id, Kind = m.Kind }));
            }

            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(
                    terms.Enabled ? ShareAuditEvents.RuleSaved : ShareAuditEvents.RuleRemoved,
                    AuditOutcome.Succeeded,
                    [new AuditTarget(AuditTargetKinds.Folder, command.FolderId, null), new AuditTarget(AuditTargetKinds.Tenant, target.Id, target.Name)],
                    terms.Enabled ? new Dictionary<string, string> { ["permission"] = terms.Permission.ToString(), ["everyone"] = terms.Audience.Everyone ? "true" : "false" } : null),
                ct);
        }
    }
}
