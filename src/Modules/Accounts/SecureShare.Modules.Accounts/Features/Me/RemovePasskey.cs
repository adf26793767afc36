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

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>Removes one of the caller's passkeys; with the last second factor, the recovery codes go too. Audited.</summary>
public static class RemovePasskey
{
    public sealed record Command(Guid Id) : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/me/mfa/passkeys/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Remove one of your passkeys.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal sealed class Handler(AccountsDbContext db, RecentSignIn recentSignIn, IAuditTrail audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = await recentSignIn.RequireAsync(ct);
            var name = await db.Passkeys.Where(p => p.Id == command.Id && p.UserId == me.UserId).Select(p => p.Name).FirstOrDefaultAsync(ct);
            if (name is null || !await SecondFactors.RemovePasskeyAsync(db, me.UserId, command.Id, ct))
            {
                throw new NotFoundException("Passkey");
            }

            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.PasskeyRemoved, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, me.UserId, me.DisplayName)],
                    new Dictionary<string, string> { ["passkey"] = name }),
                ct);
            return Unit.Value;
        }
    }
}
