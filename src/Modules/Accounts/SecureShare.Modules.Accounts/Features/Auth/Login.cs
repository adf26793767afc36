using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

public static class Login
{
    /// <summary>A sign-in: from the API (a bearer token) or the web UI (a cookie); either way a server-side session.</summary>
    public sealed record Command(string? Email, string? Password, SessionKind Kind = SessionKind.Api) : ICommand<SignInStep?>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Body(string? Email, string? Password)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Where a right password leads: a session, or a second factor first.</summary>
    public abstract record SignInStep
    {
        public sealed override string ToString() => Redacted.Text;
    }

    /// <summary>
    /// A second factor is due: no session yet. The token names this sign-in for <c>POST /auth/mfa</c> (five minutes, one
    /// success); the methods say which factors the user has.
    /// </summary>
    public sealed record MfaDue(string MfaToken, DateTimeOffset ExpiresAt, IReadOnlyList<MfaMethod> Methods) : SignInStep;


    /// <summary>
    /// The session: a bearer token for the API. With <c>MustChangePassword</c> (a password an admin gave) it is good
    /// only for replacing that password. The security stamp and session id (never sent) let the web UI hold the same session in a cookie.
    /// </summary>
    public sealed record Response(
        string AccessToken,
        DateTimeOffset ExpiresAt,
        Guid UserId,
        Guid TenantId,
        TenantKind TenantKind,
        UserRole Role,
        bool MustChangePassword,
        [property: JsonIgnore] string SecurityStamp,
        [property: JsonIgnore] Guid SessionId) : SignInStep;

    /// <summary>
    /// The answer on the wire, one shape for both steps (so every client reads one schema): <c>mfaRequired</c> false with
    /// the session's fields, or true with <c>mfaToken</c>, <c>mfaExpiresAt</c> and <c>methods</c>; absent fields are omitted.
    /// </summary>
    public sealed record Answer(
        bool MfaRequired,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccessToken = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? UserId = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TenantId = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TenantKind? TenantKind = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UserRole? Role = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? MustChangePassword = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaToken = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? MfaExpiresAt = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MfaMethod>? Methods = null)
    {
        public static Answer Of(SignInStep step) => step switch
        {
            Response s => new(false, s.AccessToken, s.ExpiresAt, s.UserId, s.TenantId, s.TenantKind, s.Role, s.MustChangePassword),
            MfaDue d => new(true, MfaToken: d.MfaToken, MfaExpiresAt: d.ExpiresAt, Methods: d.Methods),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };

        public override string ToString() => Redacted.Text;
    }

    internal const string FailureDetail = "The email or password is incorrect.";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/login", async (Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(Answer.Of(await mediator.Send(new Command(body.Email, body.Password), ct) ?? throw new UnauthorizedException(FailureDetail))))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Sign in with email and password; returns a bearer token naming a new server-side session, or, when a second factor is due, `mfaRequired` with an `mfaToken` for POST /auth/mfa.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Email is required.").MaximumLength(ValidationRules.EmailMaxLength);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Password is required.").MaximumLength(ValidationRules.PasswordMaxLength);
        }
    }

    /// <summary>
    /// Unknown email, wrong password, locked or disabled account: one answer (null → 401), and
    /// about the same time (an unknown email is still checked against a hash). The slow hash is checked
    /// (through the process's hash gate) before any transaction, so anonymous sign-ins never hold the
    /// database's writers; then one transaction records the outcome: a wrong password counts towards
    /// lockout with one conditional UPDATE, a right one starts a session — or, for a user with a second
    /// factor, a challenge (the failure count is then cleared only by the second factor, so a known
    /// password does not buy fresh guesses at the code); failures and successes are audited in the
    /// user's tenant, and commit even though the answer is a 401.
    /// </summary>
    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        DbSession session,
        IPasswordHasher<User> hasher,
        PasswordHashGate hashing,
        SignIns signIns,
        LoginThrottle throttle,
        TimeProvider clock,
        AuthOptions options,
        IAuditTrail audit,
        ICurrentUser caller,
        ILogger<Handler> logger) : ICommandHandler<Command, SignInStep?>
    {
        private static readonly User Decoy = new() { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "" };

        /// <summary>A hash of a random password made with this hasher's work factor, so an unknown email costs what a known one does.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPasswordHasher<User>, string> DecoyHashes = new();

        public async ValueTask<SignInStep?> Handle(Command command, CancellationToken ct)
        {
            var email = User.NormalizeEmail(command.Email!);
            if (!await throttle.TryAcquireAsync(email, caller.IpAddress, ct))
            {
                throw new TooManyRequestsException("Too many sign-in attempts for this account or network. Wait a minute and try again.", TimeSpan.FromMinutes(1));
            }

            // Deliberate bypass: a login names no tenant, and emails are unique across the installation.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
            if (user is null)
            {
                await DecoyCheckAsync(command.Password!, ct);
                logger.LogWarning("Sign-in failed for an unknown account from {Ip}", caller.IpAddress);
                return null;
            }

            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);

            // The hash is checked first whatever the account's state, so timing tells nothing of it; a hash of an
            // older work factor is redone now, both before the transaction.
            // An invitee has no password yet: checked against a decoy like an unknown email, so timing tells nothing of them.
            var verdict = user.PasswordHash.Length == 0
                ? await DecoyCheckAsync(command.Password!, ct)
                : await hashing.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash, command.Password!), ct);
            var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded
                ? await hashing.RunAsync(() => hasher.HashPassword(user, command.Password!), ct)
                : user.PasswordHash;

            using var scope = TenantContext.Begin(tenant.ToInfo());
            return await session.InTransactionAsync(() => RecordAsync(user, tenant, verdict, newHash, command.Kind, ct), ct);
        }

        /// <summary>A check against a hash of a random password: the cost of a real one, and always a failure.</summary>
        private async Task<PasswordVerificationResult> DecoyCheckAsync(string password, CancellationToken ct)
        {
            var decoy = DecoyHashes.GetValue(hasher, h => h.HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
            await hashing.RunAsync(() => hasher.VerifyHashedPassword(Decoy, decoy, password), ct);
            return PasswordVerificationResult.Failed;
        }

        private async Task<SignInStep?> RecordAsync(User user, Tenant tenant, PasswordVerificationResult verdict, string newHash, SessionKind kind, CancellationToken ct)
        {
            var tenantDb = contexts.Create();
            var now = clock.GetUtcNow();
            if (user.LockoutEndsAt > now)
            {
                await signIns.FailedAsync(user, AccountAuditEvents.LoginFailed, "locked out", ct);
                return null;
            }

            if (verdict == PasswordVerificationResult.Failed)
            {
                await Lockout.CountFailureAsync(tenantDb, user.Id, options, now, ct);
                await signIns.FailedAsync(user, AccountAuditEvents.LoginFailed, "wrong password", ct);
                return null;
            }

            if (user.IsDisabled)
            {
                await signIns.FailedAsync(user, AccountAuditEvents.LoginFailed, "disabled", ct);
                return null;
            }

            SessionLifetimes.RequireActive(tenant); // before a second factor is asked for: a deleted tenant's seeds cannot be opened

            // Where single sign-on is required, a password opens only a break-glass Admin's account; the answer is a wrong
            // password's, so a guesser learns nothing of the password from it.
            if (tenant.SsoRequired
                && !(user.Role == UserRole.Admin && await tenantDb.Sso.AsNoTracking().FirstOrDefaultAsync(ct) is { } sso && sso.BreakGlass.Contains(user.Id)))
            {
                await signIns.FailedAsync(user, AccountAuditEvents.LoginFailed, "single sign-on required", ct);
                return null;
            }

            // The hash was checked before this transaction: the account must still be as it was then. A password,
            // role or state changed meanwhile (a password change ending every other session) refuses this sign-in.
            var checkedHash = user.PasswordHash;
            var checkedStamp = user.SecurityStamp;
            var unchanged = tenantDb.Users.Where(u => u.Id == user.Id && u.PasswordHash == checkedHash && u.SecurityStamp == checkedStamp && !u.IsDisabled);
            var stillSo = user.HasMfa
                ? await unchanged.ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, newHash), ct)
                : await unchanged.Where(u => u.TotpSecret == null && u.PasskeyCount == 0).ExecuteUpdateAsync( // a second factor added meanwhile: no session on a password alone
                    s => s
                        .SetProperty(u => u.FailedLoginCount, 0)
                        .SetProperty(u => u.LockoutEndsAt, (DateTimeOffset?)null)
                        .SetProperty(u => u.PasswordHash, newHash),
                    ct);
            if (stillSo == 0)
            {
                await signIns.FailedAsync(user, AccountAuditEvents.LoginFailed, "account changed during sign-in", ct);
                return null;
            }

            if (!user.HasMfa)
            {
                return await signIns.StartSessionAsync(tenantDb, user, tenant, kind, SignInMethod.Password, ct);
            }

            var (token, expiresAt) = MfaChallenges.Issue(tenantDb, user, kind, now);
            await tenantDb.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.MfaDue, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
                    new Dictionary<string, string> { ["kind"] = kind.ToString() }, new AuditActor(user.Id, user.DisplayName)),
                ct);
            return new MfaDue(token, expiresAt, user.MfaMethods);
        }
    }
}
