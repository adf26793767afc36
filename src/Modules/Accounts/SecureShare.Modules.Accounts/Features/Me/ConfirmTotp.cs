using FluentValidation;
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
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>
/// Turns the pending authenticator app on with a first code from it (so a mistyped seed cannot lock its user out), and
/// answers ten new recovery codes, shown this once. The code's time step counts as used.
/// </summary>
public static class ConfirmTotp
{
    public sealed record Command(string? Code) : ICommand<RecoveryCodesResponse>
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/me/mfa/totp/confirm", async (Command command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Turn the enrolled authenticator app on with a first code; answers ten recovery codes, shown once.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Code).NotEmpty().WithMessage("The six-digit code from the authenticator app is required.").MaximumLength(16);
    }

    internal sealed class Handler(AccountsDbContext db, RecentSignIn recentSignIn, IMediator mediator, TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, RecoveryCodesResponse>
    {
        public async ValueTask<RecoveryCodesResponse> Handle(Command command, CancellationToken ct)
        {
            var me = await recentSignIn.RequireAsync(ct);
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == me.UserId, ct);
            if (user.TotpPendingSecret is not { } pending)
            {
                throw new ConflictException("No authenticator app is being enrolled: start with POST /api/v1/me/mfa/totp.");
            }

            var seed = await mediator.Send(new OpenTenantSecret(user.Id, TotpSeeds.Field, pending), ct);
            if (TotpCodes.MatchingStep(seed, TotpCodes.Normalize(command.Code!), clock.GetUtcNow()) is not { } step)
            {
                throw ValidationFailedException.For("code", "The code does not match: check the device's clock and type the code the app shows now.");
            }

            var turnedOn = await db.Users.Where(u => u.Id == user.Id && u.TotpPendingSecret == pending && u.TotpSecret == null)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpSecret, pending).SetProperty(u => u.TotpPendingSecret, (byte[]?)null).SetProperty(u => u.TotpLastStep, step), ct);
            if (turnedOn == 0)
            {
                throw new ConflictException("The enrolment changed meanwhile. Start again.");
            }

            var codes = await RecoveryCodes.ReplaceAsync(db, user.Id, ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditRecord(AccountAuditEvents.TotpEnrolled, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)]), ct);
            return new RecoveryCodesResponse(codes);
        }
    }
}

/// <summary>Recovery codes, shown once: each signs in once in place of a code from the app.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => Redacted.Text;
}
