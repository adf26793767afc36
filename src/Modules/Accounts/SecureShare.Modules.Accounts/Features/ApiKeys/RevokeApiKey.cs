using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ApiKeys;

/// <summary>Revokes an API key: the caller's own, or as an Admin any of the tenant; it is refused from the next request on.</summary>
public static class RevokeApiKey
{
    public sealed record Command(Guid Id) : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/api-keys/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Revoke an API key (yours, or as an Admin any of the tenant's).");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var mine = db.ApiKeys.Where(k => k.Id == command.Id && k.RevokedAt == null && (me.Can(Ability.Administer) || k.OwnerUserId == me.UserId));
            var key = await mine.Select(k => new { k.Id, k.Name }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("API key");
            var now = clock.GetUtcNow();
            await mine.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
            await audit.RecordAsync(new AuditRecord(AccountAuditEvents.ApiKeyRevoked, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.ApiKey, key.Id, key.Name)]), ct);
            return Unit.Value;
        }
    }
}
