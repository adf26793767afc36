using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Features.Shares;

namespace SecureShare.Modules.Sharing.Features.ShareRules;

/// <summary>A folder share rule as its origin sees it; <see cref="Credentials"/> counts the shares it makes now.</summary>
public sealed record FolderShareRuleDto(
    Guid TargetTenantId, string TargetTenantName, AudienceDto Audience, SharePermission Permission, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy,
    int Credentials);

/// <summary>Origin side, Admins (who set them): the share rules a folder carries, one per target.</summary>
public static class ListFolderShareRules
{
    public sealed record Query(Guid FolderId) : IQuery<IReadOnlyList<FolderShareRuleDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/folders/{id}/share-rules", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("The share rules of a folder: with whom what is in it is shared, and on which terms.");

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ISender mediator, ITenantStore tenants) : IQueryHandler<Query, IReadOnlyList<FolderShareRuleDto>>
    {
        public async ValueTask<IReadOnlyList<FolderShareRuleDto>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            if (!(await mediator.Send(new GetOwnPlacements([]), ct)).ParentOf.ContainsKey(query.FolderId))
            {
                throw new NotFoundException("Folder");
            }

            var rules = await db.FolderShareRules.Include(r => r.Audience).AsNoTracking().Where(r => r.FolderId == query.FolderId).ToListAsync(ct);
            var ids = rules.Select(r => (Guid?)r.Id).ToList();
            var counts = await db.Shares.Where(s => ids.Contains(s.RuleId)).GroupBy(s => s.RuleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
            var result = new List<FolderShareRuleDto>();
            foreach (var rule in rules)
            {
                var target = await tenants.FindAsync(rule.TargetTenantId, ct) ?? throw new TenantNotFoundException(rule.TargetTenantId);
                var terms = rule.Terms;
                result.Add(new FolderShareRuleDto(
                    target.Id, target.Name, new AudienceDto(terms.Audience.Everyone, [.. terms.Audience.UserIds.Order()], [.. terms.Audience.GroupIds.Order()]), rule.Permission, rule.ExpiresAt,
                    rule.CreatedAt, rule.CreatedByName, counts.GetValueOrDefault(rule.Id)));
            }

            return [.. result.OrderBy(r => r.TargetTenantName, StringComparer.OrdinalIgnoreCase)];
        }
    }
}
