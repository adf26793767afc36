using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Me;

public static class GetMe
{
    public sealed record Query : IQuery<Response>;

    public sealed record GroupRef(Guid Id, string Name);

    public sealed record Response(
        Guid UserId, string Email, string DisplayName, UserRole Role, Guid TenantId, string TenantName, TenantKind TenantKind, IReadOnlyList<GroupRef> Groups);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithMetadata(AllowedInLimitedSession.BeforePasswordChange, AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("The caller: user, role, tenant and security groups.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var groups = await (
                    from m in db.GroupMembers
                    join g in db.Groups on m.GroupId equals g.Id
                    where m.UserId == me.UserId
                    orderby g.NormalizedName
                    select new GroupRef(g.Id, g.Name))
                .ToListAsync(ct);
            return new Response(me.UserId, me.Email, me.DisplayName, me.Role, me.Tenant.Id, me.Tenant.Name, me.Tenant.Kind, groups);
        }
    }
}
