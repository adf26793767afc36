using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Clients;

/// <summary>The MSP's client tenants, by name. A client tenant has no clients: 404.</summary>
public static class ListClients
{
    public sealed record Query(int? Limit, string? Cursor) : IQuery<Page<ClientDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/clients", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(limit, cursor), ct)))
            .WithSummary("MSP side: its client tenants (a client tenant has none: 404).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<ClientDto>>
    {
        public async ValueTask<Page<ClientDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            if (me.Tenant.Kind != TenantKind.Msp)
            {
                throw new NotFoundException("Clients");
            }

            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var rows = await db.Tenants
                .Where(t => t.ParentMspId == me.Tenant.Id)
                .Where(t => after == null || string.Compare(t.NormalizedName, after) > 0)
                .OrderBy(t => t.NormalizedName)
                .Take(limit + 1)
                .Select(t => new { t.Id, t.Name, t.NormalizedName, t.State })
                .ToListAsync(ct);
            var page = Paging.ToPage(rows, limit, r => r.NormalizedName);
            return new Page<ClientDto>(page.Items.Select(r => new ClientDto(r.Id, r.Name, r.State)).ToList(), page.NextCursor);
        }
    }
}
