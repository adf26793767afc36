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
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// The second step of a sign-in: the token of a right password and a code (six TOTP digits or a recovery code) → the
/// session. A TOTP code is accepted once: the user's last accepted time step advances by one conditional UPDATE, so a
/// replay (or the same code sent twice at once) is refused. The rest of the step is every factor's (SecondFactorSignIn).
/// </summary>
public static class VerifyMfa
{
    public sealed record Command(string? MfaToken, string? Code, SessionKind Kind = SessionKind.Api) : ICommand<Outcome>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Why a second factor did not sign in: both answer 401, and the failure is audited and committed.</summary>
    public enum Refusal
    {
        /// <summary>A wrong or reused code, or a locked account: try again (it counts towards lockout).</summary>
        WrongCode,

        /// <summary>The token is unknown, used, expired, or its account changed since the password: sign in again.</summary>
        SignInAgain,
    }

    /// <summary>The session, or why not.</summary>
    public sealed record Outcome(Login.Response? Session, Refusal? Refused)
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Body(string? MfaToken, string? Code)
    {
        public override string ToString() => Redacted.Text;
    }

    internal const string WrongCodeDetail = "The code is incorrect.";

    internal const string ExpiredDetail = "This sign-in has expired or is complete. Sign in again.";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/mfa", async (Body body, IMediator mediator, CancellationToken ct) =>
                Answer(await mediator.Send(new Command(body.MfaToken, body.Code), ct), WrongCodeDetail))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Complete a sign-in with a second factor: the mfaToken of POST /auth/login and a TOTP or recovery code → the session.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MfaToken).NotEmpty().WithMessage("mfaToken is required: the one POST /auth/login answered.").MaximumLength(100);
            RuleFor(c => c.Code).NotEmpty().WithMessage("A code is required: six digits from the authenticator app, or a recovery code.").MaximumLength(64);
        }
    }

    /// <summary>The HTTP answer of a second factor's outcome: the session, or a 401 saying whether to retry or start again.</summary>
    internal static Login.Response Answer(Outcome outcome, string wrongDetail) => outcome switch
    {
        { Session: { } session } => session,
        { Refused: Refusal.SignInAgain } => throw new UnauthorizedException(ExpiredDetail),
        _ => throw new UnauthorizedException(wrongDetail),
    };

    internal sealed class Handler(SecondFactorSignIn signIn, IMediator mediator) : ICommandHandler<Command, Outcome>
    {
        public ValueTask<Outcome> Handle(Command command, CancellationToken ct) =>
            new(signIn.CompleteAsync(command.MfaToken!, command.Kind, (tenantDb, user, _, now) => CheckAsync(tenantDb, user, TotpCodes.Normalize(command.Code!), now, ct), "wrong or reused code", ct));

        private async Task<SignInMethod?> CheckAsync(AccountsDbContext tenantDb, User user, string code, DateTimeOffset now, CancellationToken ct)
        {
            if (code.Length == 6 && code.All(char.IsAsciiDigit))
            {
                if (user.TotpSecret is null)
                {
                    return null;
                }

                var seed = await mediator.Send(new OpenTenantSecret(user.Id, TotpSeeds.Field, user.TotpSecret), ct);
                return TotpCodes.MatchingStep(seed, code, now) is { } step && await TotpSeeds.AcceptStepAsync(tenantDb, user.Id, step, ct)
                    ? SignInMethod.Totp
                    : null;
            }

            return await RecoveryCodes.UseAsync(tenantDb, user.Id, code, now, ct) ? SignInMethod.RecoveryCode : null;
        }
    }
}
