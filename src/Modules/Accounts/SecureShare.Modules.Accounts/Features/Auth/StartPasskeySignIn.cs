using Fido2NetLib;
using Fido2NetLib.Objects;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// A sign-in whose second factor is a passkey: WebAuthn request options naming the user's passkeys, with a challenge
/// kept on the sign-in's challenge row (the one a passkey must then sign for POST /auth/mfa/passkey). Asking again
/// replaces the challenge; it is bookkeeping of the sign-in, whose outcome is what is audited.
/// </summary>
public static class StartPasskeySignIn
{
    public sealed record Command(string? MfaToken) : ICommand<PasskeyOptions>
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/mfa/passkey/options", async (Command command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("The second step with a passkey: WebAuthn request options (`publicKey`) for navigator.credentials.get, for the mfaToken of POST /auth/login.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.MfaToken).NotEmpty().WithMessage("mfaToken is required: the one POST /auth/login answered.").MaximumLength(100);
    }

    internal sealed class Handler(SecondFactorSignIn signIn, ModuleDbContextFactory<AccountsDbContext> contexts, Passkeys passkeys) : ICommandHandler<Command, PasskeyOptions>
    {
        public async ValueTask<PasskeyOptions> Handle(Command command, CancellationToken ct)
        {
            var (challenge, user, tenant) = await signIn.OpenAsync(command.MfaToken!, ct) ?? throw new UnauthorizedException(VerifyMfa.ExpiredDetail);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            var tenantDb = contexts.Create();
            var ids = await tenantDb.Passkeys.Where(p => p.UserId == user.Id).Select(p => p.CredentialId).ToListAsync(ct);
            if (ids.Count == 0)
            {
                throw new ConflictException("No passkey is registered for this account: use a code from the authenticator app or a recovery code.");
            }

            var json = passkeys.Fido.GetAssertionOptions(new GetAssertionOptionsParams
            {
                AllowedCredentials = [.. ids.Select(id => new PublicKeyCredentialDescriptor(id))],
                UserVerification = UserVerificationRequirement.Preferred,
            }).ToJson();
            if (await tenantDb.MfaChallenges.Where(c => c.Id == challenge.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.PasskeyOptions, json), ct) == 0)
            {
                throw new UnauthorizedException(VerifyMfa.ExpiredDetail);
            }

            return Passkeys.Answer(json);
        }
    }
}
