using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>Admin: the own tenant's single sign-on settings (never the client secret); 404 while none is set.</summary>
public static class GetTenantSso
{
    public sealed record Query : IQuery<SsoDto>;

    /// <summary>The settings page's read: null while none is set, so that opening the page is not a refusal to audit.</summary>
    public sealed record QueryOrNone : IQuery<SsoDto?>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tenant/sso", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Admin: your tenant's single sign-on settings, with the redirect URI and the sign-in link; 404 while none is set.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, PublicAddress address) : IQueryHandler<Query, SsoDto>, IQueryHandler<QueryOrNone, SsoDto?>
    {
        public async ValueTask<SsoDto> Handle(Query query, CancellationToken ct) =>
            await Handle(new QueryOrNone(), ct) ?? throw new NotFoundException("Single sign-on");

        public async ValueTask<SsoDto?> Handle(QueryOrNone query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var sso = await db.Sso.AsNoTracking().FirstOrDefaultAsync(ct);
            return sso is null ? null : SsoDto.Of(sso, me.Tenant.Identifier, address.BaseUrl);
        }
    }
}
