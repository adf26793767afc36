using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>Admin: removes the own tenant's single sign-on (refused while the policy requires it) and ends the sessions it started. Audited.</summary>
public static class RemoveTenantSso
{
    public sealed record Command : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/tenant/sso", async (IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Admin: remove your tenant's single sign-on (turn ssoRequired off first).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions, IAuditTrail audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            if (await db.Tenants.AnyAsync(t => t.Id == me.Tenant.Id && t.SsoRequired, ct))
            {
                throw new ConflictException("Single sign-on is required in this tenant: turn ssoRequired off (PUT /api/v1/tenant/policy) before removing it.");
            }

            if (await db.Sso.ExecuteDeleteAsync(ct) == 0)
            {
                throw new NotFoundException("Single sign-on");
            }

            await audit.RecordAsync(new AuditRecord(AccountAuditEvents.TenantSsoRemoved, AuditOutcome.Succeeded, []), ct);
            await sessions.EndAsync(db, db.Sessions.Where(s => s.ViaSso), "single sign-on removed", ct);
            return Unit.Value;
        }
    }
}
