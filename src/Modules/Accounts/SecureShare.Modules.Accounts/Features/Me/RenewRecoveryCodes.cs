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

/// <summary>Ten new recovery codes for the caller (the old ones stop working), shown this once.</summary>
public static class RenewRecoveryCodes
{
    public sealed record Command : ICommand<RecoveryCodesResponse>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/me/mfa/recovery-codes", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Command(), ct)))
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Replace your recovery codes with ten new ones, shown once.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Handler(AccountsDbContext db, RecentSignIn recentSignIn, IAuditTrail audit) : ICommandHandler<Command, RecoveryCodesResponse>
    {
        public async ValueTask<RecoveryCodesResponse> Handle(Command command, CancellationToken ct)
        {
            var me = await recentSignIn.RequireAsync(ct);
            if (!await db.Users.AnyAsync(u => u.Id == me.UserId && (u.TotpSecret != null || u.PasskeyCount > 0), ct))
            {
                throw new ConflictException("Recovery codes stand in for an authenticator app or a passkey: set one up first.");
            }

            var codes = await RecoveryCodes.ReplaceAsync(db, me.UserId, ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditRecord(AccountAuditEvents.RecoveryCodesRenewed, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, me.UserId, me.DisplayName)]), ct);
            return new RecoveryCodesResponse(codes);
        }
    }
}
