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
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

public static class Login
{
    public sealed record Command(string? Email, string? Password) : ICommand<Response?>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>The session: a bearer token for the API; the security stamp (never sent) lets the web UI hold the same session in a cookie.</summary>
    public sealed record Response(
        string AccessToken,
        DateTimeOffset ExpiresAt,
        Guid UserId,
        Guid TenantId,
        TenantKind TenantKind,
        UserRole Role,
        [property: System.Text.Json.Serialization.JsonIgnore] string SecurityStamp)
    {
        public override string ToString() => Redacted.Text;
    }

    internal const string FailureDetail = "The email or password is incorrect.";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/login", async (Command command, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(command, ct) ?? throw new UnauthorizedException(FailureDetail))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithTags("Accounts")
            .WithSummary("Sign in with email and password; returns a bearer token.");

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
    /// about the same time (an unknown email is still checked against a hash). A wrong password
    /// counts towards lockout with one conditional UPDATE; failures and successes are audited
    /// in the user's tenant, and commit even though the answer is a 401.
    /// </summary>
    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        IPasswordHasher<User> hasher,
        TokenIssuer tokens,
        LoginThrottle throttle,
        AuthOptions options,
        TimeProvider clock,
        IAuditTrail audit,
        ICurrentUser caller,
        ILogger<Handler> logger) : ICommandHandler<Command, Response?>
    {
        private static readonly User Decoy = new() { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "" };
        private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

        public async ValueTask<Response?> Handle(Command command, CancellationToken ct)
        {
            var email = User.NormalizeEmail(command.Email!);
            if (!throttle.TryAcquire(email))
            {
                throw new TooManyRequestsException("Too many sign-in attempts for this account. Wait a minute and try again.", TimeSpan.FromMinutes(1));
            }

            // Deliberate bypass: a login names no tenant, and emails are unique across the installation.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
            if (user is null)
            {
                hasher.VerifyHashedPassword(Decoy, DecoyHash.Value, command.Password!);
                logger.LogWarning("Sign-in failed for an unknown account from {Ip}", caller.IpAddress);
                return null;
            }

            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            var tenantDb = contexts.Create();
            var now = clock.GetUtcNow();
            var actor = new AuditActor(user.Id, user.DisplayName);

            // The hash is checked first whatever the account's state, so timing tells nothing of it.
            var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, command.Password!);
            if (user.LockoutEndsAt > now)
            {
                await Failed(user, "locked out", actor, ct);
                return null;
            }

            if (verdict == PasswordVerificationResult.Failed)
            {
                var lockUntil = now.Add(options.LockoutDuration);
                var max = options.MaxFailedLogins;
                await tenantDb.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                    s => s
                        .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= max ? 0 : u.FailedLoginCount + 1)
                        .SetProperty(u => u.LockoutEndsAt, u => u.FailedLoginCount + 1 >= max ? lockUntil : u.LockoutEndsAt),
                    ct);
                await Failed(user, "wrong password", actor, ct);
                return null;
            }

            if (user.IsDisabled)
            {
                await Failed(user, "disabled", actor, ct);
                return null;
            }

            var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded
                ? hasher.HashPassword(user, command.Password!)
                : user.PasswordHash;
            await tenantDb.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                s => s
                    .SetProperty(u => u.FailedLoginCount, 0)
                    .SetProperty(u => u.LockoutEndsAt, (DateTimeOffset?)null)
                    .SetProperty(u => u.PasswordHash, newHash),
                ct);
            await audit.RecordAsync(
                new AuditRecord(AuditEventTypes.LoginSucceeded, AuditOutcome.Succeeded, [new AuditTarget("user", user.Id)], Actor: actor), ct);

            var (token, expiresAt) = tokens.Issue(user);
            return new Response(token, expiresAt, user.Id, user.TenantId, tenant.Kind, user.Role, user.SecurityStamp);
        }

        private Task Failed(User user, string reason, AuditActor actor, CancellationToken ct) =>
            audit.RecordAsync(
                new AuditRecord(AuditEventTypes.LoginFailed, AuditOutcome.Failed, [new AuditTarget("user", user.Id)],
                    new Dictionary<string, string> { ["reason"] = reason }, actor),
                ct);
    }
}

/// <summary>The Host's per-IP limiter policy for sign-in.</summary>
public static class LoginRateLimit
{
    public const string Policy = "login-per-ip";
}
