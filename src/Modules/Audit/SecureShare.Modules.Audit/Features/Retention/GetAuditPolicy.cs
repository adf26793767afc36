using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Features.Retention;

/// <summary>Admin: the own tenant's audit policy.</summary>
public static class GetAuditPolicy
{
    public sealed record Query : IQuery<AuditPolicyDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/policy", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Admin: how many days your tenant keeps its audit events.");

    internal sealed class Handler(AuditDbContext db, ICurrentUser caller) : IQueryHandler<Query, AuditPolicyDto>
    {
        public async ValueTask<AuditPolicyDto> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var days = await db.Policies.AsNoTracking().Select(p => (int?)p.RetentionDays).SingleOrDefaultAsync(ct);
            return new AuditPolicyDto(days ?? AuditPolicy.DefaultRetentionDays);
        }
    }
}
