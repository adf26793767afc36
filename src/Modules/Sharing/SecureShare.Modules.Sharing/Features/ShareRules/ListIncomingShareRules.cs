using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.ShareRules;

/// <summary>
/// A rule that shares credentials into the caller's tenant, as the target sees it: who shares, on which terms, how many
/// credentials it brings now, and the folder of the target's own tree they arrive in (null: the top). Never the origin's folder.
/// </summary>
public sealed record IncomingShareRuleDto(Guid RuleId, Guid OriginTenantId, string OriginTenantName, SharePermission Permission, DateTimeOffset? ExpiresAt, int Credentials, Guid? FolderId);

/// <summary>Target side, Admins: the rules sharing into this tenant, and where each one's credentials arrive.</summary>
public static class ListIncomingShareRules
{
    public sealed record Query : IQuery<IReadOnlyList<IncomingShareRuleDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/incoming-share-rules", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Target side Admin: the folder share rules of partners that share into this tenant, and the folder each one's credentials arrive in.");

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ITenantStore tenants) : IQueryHandler<Query, IReadOnlyList<IncomingShareRuleDto>>
    {
        public async ValueTask<IReadOnlyList<IncomingShareRuleDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);

            // Deliberate bypass: the rules live in their origins' tenants; read only those of this family whose target is the caller's tenant.
            string[] filter = [ModuleDbContext.TenantFilter];
            var shares = db.Shares.IgnoreQueryFilters(filter);
            var rules = await db.FolderShareRules.IgnoreQueryFilters(filter).AsNoTracking()
                .Where(r => r.FamilyId == me.Tenant.FamilyId && r.TargetTenantId == me.Tenant.Id)
                .Select(r => new { r.Id, r.TenantId, r.Permission, r.ExpiresAt, r.TargetFolderId, Credentials = shares.Count(s => s.TenantId == r.TenantId && s.RuleId == r.Id) })
                .ToListAsync(ct);
            var result = new List<IncomingShareRuleDto>();
            foreach (var rule in rules)
            {
                var origin = await tenants.FindAsync(rule.TenantId, ct) ?? throw new TenantNotFoundException(rule.TenantId);
                result.Add(new IncomingShareRuleDto(rule.Id, origin.Id, origin.Name, rule.Permission, rule.ExpiresAt, rule.Credentials, rule.TargetFolderId));
            }

            return [.. result.OrderBy(r => r.OriginTenantName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.RuleId)];
        }
    }
}
