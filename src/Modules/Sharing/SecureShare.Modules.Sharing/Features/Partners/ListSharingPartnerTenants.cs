using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;

namespace SecureShare.Modules.Sharing.Features.Partners;

/// <summary>Whom the caller's tenant can share with (an MSP: its clients; a client: its MSP), for a share dialog.</summary>
public static class ListSharingPartnerTenants
{
    public sealed record Query : IQuery<IReadOnlyList<PartnerTenant>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/shares/partners", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("The tenants this tenant may share with.");

    internal sealed class Handler(ICurrentUser caller, ISender mediator) : IQueryHandler<Query, IReadOnlyList<PartnerTenant>>
    {
        public async ValueTask<IReadOnlyList<PartnerTenant>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.ManageCredentials);
            return (await mediator.Send(new ListSharingPartners(), ct)).Where(p => p.State == TenantState.Active).ToList(); // an offboarded client takes nothing new
        }
    }
}
