using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.ShareRules;

/// <summary>
/// Target side, Admins: the folder of their own tree where the credentials a partner's rule shares from now on arrive
/// (null: the top). Each side's tree stays its own: the origin never learns the folder, the target never the origin's.
/// Credentials already shared stay where the target filed them.
/// </summary>
public static class SetIncomingRuleFolder
{
    public sealed record Body(Guid? FolderId);

    public sealed record Command(Guid RuleId, Guid? FolderId) : ICommand<IncomingShareRuleDto>, IAuditsRefusals;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/incoming-share-rules/{ruleId}", async (Guid ruleId, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(ruleId, body.FolderId), ct)))
            .WithSummary("Target side Admin: choose the folder (of this tenant) where a partner's folder share rule places what it shares from now on.");

    internal sealed class Handler(SharingDbContext db, ModuleDbContextFactory<SharingDbContext> contexts, ICurrentUser caller, ISender mediator, ITenantStore tenants, IAuditTrail audit)
        : ICommandHandler<Command, IncomingShareRuleDto>
    {
        public async ValueTask<IncomingShareRuleDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);

            // Deliberate bypass: which origin holds the rule, only among this family's rules whose target is the caller's tenant.
            var originId = await db.FolderShareRules.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(r => r.Id == command.RuleId && r.FamilyId == me.Tenant.FamilyId && r.TargetTenantId == me.Tenant.Id)
                .Select(r => (Guid?)r.TenantId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Share rule");
            if (command.FolderId is { } folder && !(await mediator.Send(new GetOwnPlacements([]), ct)).ParentOf.ContainsKey(folder))
            {
                throw new NotFoundException("Folder");
            }

            var origin = await tenants.FindAsync(originId, ct) ?? throw new NotFoundException("Share rule");
            using (TenantContext.Begin(origin))
            {
                var originDb = contexts.Create();
                var rule = await originDb.FolderShareRules.FirstAsync(r => r.Id == command.RuleId, ct);
                rule.TargetFolderId = command.FolderId;
                await originDb.SaveChangesAsync(ct);
                var credentials = await originDb.Shares.CountAsync(s => s.RuleId == rule.Id, ct);
                await audit.RecordAsync(new AuditRecord(ShareAuditEvents.RuleFolderChosen, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Tenant, origin.Id, origin.Name)]), ct);
                return new IncomingShareRuleDto(rule.Id, origin.Id, origin.Name, rule.Permission, rule.ExpiresAt, credentials, rule.TargetFolderId);
            }
        }
    }
}
