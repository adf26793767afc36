using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Features.Events;

/// <summary>
/// An offboarded client's audit log stays with its MSP for the client's retention period: the MSP's Admins read it, with
/// the same filters and pages as their own, once nobody of the client can (suspended, or deleted — its events are not
/// encrypted under its destroyed key, so they stay readable). While the client is active its log is its own: 409.
/// </summary>
public static class ListClientAuditEvents
{
    public sealed record Query(Guid ClientId, ListAuditEvents.Query Events) : IQuery<Page<AuditEventDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/clients/{id}/audit", async (
                    Guid id, DateTimeOffset? from, DateTimeOffset? to, Guid? actorId, string? type, Guid? credentialId, string? actorTenant, Guid? partnerId, int? limit, string? cursor,
                    IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id, new ListAuditEvents.Query(from, to, actorId, type, credentialId, limit, cursor, actorTenant, partnerId)), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("MSP Admin: an offboarded client's audit events, newest first, with the filters of GET /audit (kept for the client's retention period).");

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => AuditFilter.Rules(this, q => q.Events.Filter);
    }

    internal sealed class Handler(ModuleDbContextFactory<AuditDbContext> contexts, ITenantStore tenants, ICurrentUser caller) : IQueryHandler<Query, Page<AuditEventDto>>
    {
        public async ValueTask<Page<AuditEventDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var client = await tenants.FindCurrentAsync(query.ClientId, ct) is { } found && found.IsClientOf(me.Tenant.Id)
                ? found
                : throw new NotFoundException("Client");
            if (client.State == TenantState.Active)
            {
                throw new ConflictException($"{client.Name} is active: its audit log is its own Admins' to read. Its MSP reads it once the client is offboarded.");
            }

            using (TenantContext.Begin(client))
            {
                return await ListAuditEvents.PageAsync(contexts.Create(), query.Events, ct);
            }
        }
    }
}
