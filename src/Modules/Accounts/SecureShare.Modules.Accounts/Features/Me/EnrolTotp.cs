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
/// Starts enrolling an authenticator app: a new seed, kept encrypted as pending until a code from it is confirmed, shown
/// to its user as text, as an <c>otpauth://</c> URI and as a QR code made on this server. Asked again while a seed is
/// pending, it shows that seed again (the app may have scanned it already); an app already on must be removed first.
/// </summary>
public static class EnrolTotp
{
    public sealed record Command : ICommand<Response>;

    public sealed record Response(string Secret, string OtpauthUri, string QrCodeSvg)
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/me/mfa/totp", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Command(), ct)))
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Start enrolling an authenticator app: its seed, otpauth URI and QR code (SVG); confirm with a first code.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, IMediator mediator, IAuditTrail audit) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == me.UserId, ct);
            if (user.TotpSecret is not null)
            {
                throw new ConflictException("An authenticator app is already on for you. Remove it first to enrol another.");
            }

            string secret;
            if (user.TotpPendingSecret is { } pending)
            {
                secret = await mediator.Send(new OpenTenantSecret(user.Id, TotpSeeds.Field, pending), ct);
            }
            else
            {
                secret = TotpCodes.NewSecret();
                var sealedSecret = await mediator.Send(new SealTenantSecret(user.Id, TotpSeeds.Field, secret), ct);
                await db.Users.Where(u => u.Id == user.Id && u.TotpPendingSecret == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpPendingSecret, sealedSecret), ct);
                await audit.RecordAsync(
                    new AuditRecord(AccountAuditEvents.TotpEnrolmentStarted, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)]), ct);
            }

            var uri = TotpCodes.OtpauthUri(secret, user.Email);
            return new Response(secret, uri, TotpCodes.QrCodeSvg(uri));
        }
    }
}
