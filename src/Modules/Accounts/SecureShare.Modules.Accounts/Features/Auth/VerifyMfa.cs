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
/// replay (or the same code sent twice at once) is refused. A wrong code counts towards lockout as a wrong password does,
/// and the failure count is cleared only here, by a right second factor.
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
                await mediator.Send(new Command(body.MfaToken, body.Code), ct) switch
                {
                    { Session: { } session } => session,
                    { Refused: Refusal.SignInAgain } => throw new UnauthorizedException(ExpiredDetail),
                    _ => throw new UnauthorizedException(WrongCodeDetail),
                })
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

    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        SignIns signIns,
        LoginThrottle throttle,
        ICurrentUser caller,
        AuthOptions options,
        TimeProvider clock,
        IMediator mediator) : ICommandHandler<Command, Outcome>
    {
        private static readonly Outcome WrongCode = new(null, Refusal.WrongCode);
        private static readonly Outcome SignInAgain = new(null, Refusal.SignInAgain);

        public async ValueTask<Outcome> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var challenge = await MfaChallenges.FindLiveAsync(db, command.MfaToken!, now, ct);
            if (challenge is null || challenge.Kind != command.Kind)
            {
                return SignInAgain;
            }

            // Deliberate bypass, keyed by the challenge the token named: the client has no session, hence no tenant, yet.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().FirstAsync(u => u.Id == challenge.UserId, ct);
            if (!throttle.TryAcquire(user.NormalizedEmail, caller.IpAddress))
            {
                throw new TooManyRequestsException("Too many sign-in attempts for this account or network. Wait a minute and try again.", TimeSpan.FromMinutes(1));
            }

            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            var tenantDb = contexts.Create();
            if (user.IsDisabled || user.SecurityStamp != challenge.SecurityStamp)
            {
                await signIns.FailedAsync(user, AccountAuditEvents.MfaFailed, "account changed during sign-in", ct);
                return SignInAgain;
            }

            if (user.LockoutEndsAt > now)
            {
                await signIns.FailedAsync(user, AccountAuditEvents.MfaFailed, "locked out", ct);
                return WrongCode;
            }

            var method = await CheckAsync(tenantDb, user, TotpCodes.Normalize(command.Code!), now, ct);
            if (method is null)
            {
                await Lockout.CountFailureAsync(tenantDb, user.Id, options, now, ct);
                await signIns.FailedAsync(user, AccountAuditEvents.MfaFailed, "wrong or reused code", ct);
                return WrongCode;
            }

            // Both conditional: a challenge used meanwhile (the same token sent twice at once), or an account changed
            // meanwhile, undoes this whole transaction, the code's use included.
            var stamp = challenge.SecurityStamp;
            if (!await MfaChallenges.UseAsync(tenantDb, challenge.Id, now, ct)
                || await tenantDb.Users.Where(u => u.Id == user.Id && u.SecurityStamp == stamp && !u.IsDisabled)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0).SetProperty(u => u.LockoutEndsAt, (DateTimeOffset?)null), ct) == 0)
            {
                throw new UnauthorizedException(ExpiredDetail);
            }

            return new Outcome(await signIns.StartSessionAsync(tenantDb, user, tenant, challenge.Kind, method.Value, ct), null);
        }

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
