using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Features.Partners;

public sealed record AudienceUser(Guid Id, string DisplayName);

public sealed record AudienceGroup(Guid Id, string Name);

public sealed record AudienceCandidates(Guid TenantId, string TenantName, IReadOnlyList<AudienceUser> Users, IReadOnlyList<AudienceGroup> Groups);

/// <summary>The users and security groups of a partner tenant that a share's audience may name (names only).</summary>
public static class ListAudienceCandidates
{
    public sealed record Query(Guid TargetTenantId) : IQuery<AudienceCandidates>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/shares/partners/{tenantId}/audience", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(tenantId), ct)))
            .WithSummary("The users and groups of a partner tenant that a share may name as its audience.");

    internal sealed class Handler(ICurrentUser caller, ITenantStore tenants, ISender mediator) : IQueryHandler<Query, AudienceCandidates>
    {
        public async ValueTask<AudienceCandidates> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.ManageCredentials);
            var target = await SharingEdge.TargetAsync(tenants, me.Tenant, query.TargetTenantId, ct);
            using (TenantContext.Begin(target))
            {
                var members = await mediator.Send(new ListTenantMembers(), ct);
                return new AudienceCandidates(
                    target.Id,
                    target.Name,
                    members.Users.OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).Select(u => new AudienceUser(u.UserId, u.DisplayName)).ToList(),
                    members.GroupNames.OrderBy(g => g.Value, StringComparer.OrdinalIgnoreCase).Select(g => new AudienceGroup(g.Key, g.Value)).ToList());
            }
        }
    }
}
