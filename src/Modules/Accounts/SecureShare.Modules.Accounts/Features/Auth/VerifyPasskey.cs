using System.Text.Json;
using Fido2NetLib;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// The second step with a passkey: the browser's signature over this sign-in's challenge, checked against the stored
/// public key of one of the user's passkeys. The passkey's signature counter moves by one conditional UPDATE, so the
/// same answer cannot sign in twice, and a counter that goes back (a cloned authenticator) is refused.
/// </summary>
public static class VerifyPasskey
{
    public sealed record Command(string? MfaToken, JsonElement? Credential, SessionKind Kind = SessionKind.Api) : ICommand<VerifyMfa.Outcome>
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Body(string? MfaToken, JsonElement? Credential)
    {
        public override string ToString() => Redacted.Text;
    }

    internal const string WrongPasskeyDetail = "The passkey did not sign this sign-in. Try again, or use a code.";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/mfa/passkey", async (Body body, IMediator mediator, CancellationToken ct) =>
                VerifyMfa.Answer(await mediator.Send(new Command(body.MfaToken, body.Credential), ct), WrongPasskeyDetail))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Complete a sign-in with a passkey: the mfaToken and the browser's answer to the options of POST /auth/mfa/passkey/options (PublicKeyCredential.toJSON()) → the session.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MfaToken).NotEmpty().WithMessage("mfaToken is required: the one POST /auth/login answered.").MaximumLength(100);
            RuleFor(c => c.Credential).Must(c => c is { ValueKind: JsonValueKind.Object })
                .WithMessage("credential is required: the browser's answer to navigator.credentials.get, as PublicKeyCredential.toJSON() gives it.");
        }
    }

    internal sealed class Handler(SecondFactorSignIn signIn, Passkeys passkeys) : ICommandHandler<Command, VerifyMfa.Outcome>
    {
        public ValueTask<VerifyMfa.Outcome> Handle(Command command, CancellationToken ct) =>
            new(signIn.CompleteAsync(command.MfaToken!, command.Kind, (tenantDb, user, challenge, now) => CheckAsync(tenantDb, user, challenge, command.Credential, now, ct), "wrong passkey", ct));

        private async Task<SignInMethod?> CheckAsync(AccountsDbContext tenantDb, User user, MfaChallenge challenge, JsonElement? credential, DateTimeOffset now, CancellationToken ct)
        {
            if (challenge.PasskeyOptions is not { } options || Passkeys.Read<AuthenticatorAssertionRawResponse>(credential) is not { RawId: { } id } answer)
            {
                return null;
            }

            var passkey = await tenantDb.Passkeys.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == user.Id && p.CredentialId == id, ct);
            if (passkey is null)
            {
                return null;
            }

            uint signCount;
            try
            {
                var handle = Passkeys.UserHandle(user.Id);
                signCount = (await passkeys.Fido.MakeAssertionAsync(
                    new MakeAssertionParams
                    {
                        AssertionResponse = answer,
                        OriginalOptions = AssertionOptions.FromJson(options),
                        StoredPublicKey = passkey.PublicKey,
                        StoredSignatureCounter = (uint)passkey.SignCount,
                        IsUserHandleOwnerOfCredentialIdCallback = (owner, _) => Task.FromResult(owner.UserHandle.AsSpan().SequenceEqual(handle)),
                    },
                    ct)).SignCount;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return null; // whatever in the answer Fido2 could not read (an origin that is no address, bad CBOR…): a wrong passkey, counted and audited
            }

            var was = passkey.SignCount;
            if (signCount == 0 && was > 0)
            {
                return null; // a counter that went back to zero: a cloned authenticator, or a replay of an old answer
            }

            return await tenantDb.Passkeys.Where(p => p.Id == passkey.Id && p.SignCount == was)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SignCount, signCount).SetProperty(p => p.LastUsedAt, now), ct) == 1
                ? SignInMethod.Passkey
                : null;
        }
    }
}
