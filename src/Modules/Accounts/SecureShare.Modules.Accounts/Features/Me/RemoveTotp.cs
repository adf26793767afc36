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

/// <summary>Removes the caller's authenticator app (on or pending); their recovery codes go too unless a passkey remains.</summary>
public static class RemoveTotp
{
    public sealed record Command : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/me/mfa/totp", async (IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(), ct);
                return TypedResults.NoContent();
            })
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Remove your authenticator app (and your recovery codes, unless a passkey remains).");

    internal sealed class Handler(AccountsDbContext db, RecentSignIn recentSignIn, IAuditTrail audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = await recentSignIn.RequireAsync(ct);
            if (await SecondFactors.RemoveTotpAsync(db, me.UserId, ct))
            {
                await audit.RecordAsync(new AuditRecord(AccountAuditEvents.TotpRemoved, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, me.UserId, me.DisplayName)]), ct);
            }

            return Unit.Value;
        }
    }
}
