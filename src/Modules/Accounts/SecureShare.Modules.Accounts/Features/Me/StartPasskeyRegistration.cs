using Fido2NetLib;
using Fido2NetLib.Objects;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>
/// The first half of adding a passkey: WebAuthn creation options for the browser (a fresh challenge, the user's
/// existing passkeys excluded), kept on the user for five minutes; the browser's answer goes to POST /me/mfa/passkeys.
/// The options are the ceremony's state, not an outcome: the added passkey is what is audited.
/// </summary>
public static class StartPasskeyRegistration
{
    public sealed record Command : ICommand<PasskeyOptions>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/me/mfa/passkeys/options", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Command(), ct)))
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Start adding a passkey: WebAuthn creation options (`publicKey`) for navigator.credentials.create, good for five minutes.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Handler(AccountsDbContext db, RecentSignIn recentSignIn, Passkeys passkeys, TimeProvider clock) : ICommandHandler<Command, PasskeyOptions>
    {
        public async ValueTask<PasskeyOptions> Handle(Command command, CancellationToken ct)
        {
            var me = await recentSignIn.RequireAsync(ct);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == me.UserId).Select(u => new { u.Email, u.DisplayName, u.PasskeyCount }).FirstAsync(ct);
            if (user.PasskeyCount >= Passkeys.MaxPerUser)
            {
                throw new ConflictException($"You have {Passkeys.MaxPerUser} passkeys, the most one account may have: remove one first.");
            }

            var existing = await db.Passkeys.Where(p => p.UserId == me.UserId).Select(p => p.CredentialId).ToListAsync(ct);
            var options = passkeys.Fido.RequestNewCredential(new RequestNewCredentialParams
            {
                User = new Fido2User { Id = Passkeys.UserHandle(me.UserId), Name = user.Email, DisplayName = user.DisplayName },
                ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))],
                // A second factor needs no discoverable credential: a security key's few resident slots stay free.
                AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Discouraged, UserVerification = UserVerificationRequirement.Preferred },
                AttestationPreference = AttestationConveyancePreference.None,
            });
            var json = options.ToJson();
            var expires = clock.GetUtcNow().Add(Passkeys.CeremonyLifetime);
            await db.Users.Where(u => u.Id == me.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasskeyPendingOptions, json).SetProperty(u => u.PasskeyPendingExpiresAt, expires), ct);
            return Passkeys.Answer(json);
        }
    }
}
