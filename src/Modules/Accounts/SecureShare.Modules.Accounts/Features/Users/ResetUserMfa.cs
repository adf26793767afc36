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

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>
/// Admin: removes another user's second factors (a lost phone): their authenticator app, passkeys and recovery codes. Their
/// next sign-in takes a password alone, or, where MFA is required, leads straight to enrolling a new one. Audited.
/// </summary>
public static class ResetUserMfa
{
    public sealed record Command(Guid UserId) : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/users/{id}/mfa", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Admin: reset a user's second factors (authenticator app, passkeys and recovery codes).");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, IAuditTrail audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == command.UserId).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("User");
            await SecondFactors.RemoveAllAsync(db, user.Id, ct);
            await audit.RecordAsync(new AuditRecord(AccountAuditEvents.MfaReset, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)]), ct);
            return Unit.Value;
        }
    }
}
