using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Features.Auth;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// The second step of a sign-in, whatever the factor (a code, a passkey): the challenge the token names, its account
/// unchanged since the password, not locked; then the factor's own check. A failed check counts towards lockout as a
/// wrong password does, and the failure count is cleared only here, by a right second factor. The challenge is used
/// by one conditional UPDATE, so a token sent twice at once signs in once.
/// </summary>
internal sealed class SecondFactorSignIn(
    AccountsDbContext db,
    ModuleDbContextFactory<AccountsDbContext> contexts,
    SignIns signIns,
    LoginThrottle throttle,
    ICurrentUser caller,
    AuthOptions options,
    TimeProvider clock)
{
    private static readonly VerifyMfa.Outcome WrongFactor = new(null, VerifyMfa.Refusal.WrongCode);
    private static readonly VerifyMfa.Outcome SignInAgain = new(null, VerifyMfa.Refusal.SignInAgain);

    /// <summary>The factor's check: the method it proved, or null for a wrong (or replayed) answer.</summary>
    public delegate Task<SignInMethod?> Check(AccountsDbContext tenantDb, User user, MfaChallenge challenge, DateTimeOffset now);

    public async Task<VerifyMfa.Outcome> CompleteAsync(string token, SessionKind kind, Check check, string failure, CancellationToken ct)
    {
        var live = await OpenAsync(token, ct);
        if (live is not var (challenge, user, tenant) || challenge.Kind != kind)
        {
            return SignInAgain;
        }

        using var scope = TenantContext.Begin(tenant.ToInfo());
        var tenantDb = contexts.Create();
        var now = clock.GetUtcNow();
        if (user.IsDisabled || user.SecurityStamp != challenge.SecurityStamp)
        {
            await signIns.FailedAsync(user, AccountAuditEvents.MfaFailed, "account changed during sign-in", ct);
            return SignInAgain;
        }

        if (user.LockoutEndsAt > now)
        {
            await signIns.FailedAsync(user, AccountAuditEvents.MfaFailed, "locked out", ct);
            return WrongFactor;
        }

        if (await check(tenantDb, user, challenge, now) is not { } method)
        {
            await Lockout.CountFailureAsync(tenantDb, user.Id, options, now, ct);
            await signIns.FailedAsync(user, AccountAuditEvents.MfaFailed, failure, ct);
            return WrongFactor;
        }

        // Both conditional: a challenge used meanwhile (the same token sent twice at once), or an account changed
        // meanwhile, undoes this whole transaction, the factor's use included.
        var stamp = challenge.SecurityStamp;
        if (!await MfaChallenges.UseAsync(tenantDb, challenge.Id, now, ct)
            || await tenantDb.Users.Where(u => u.Id == user.Id && u.SecurityStamp == stamp && !u.IsDisabled)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0).SetProperty(u => u.LockoutEndsAt, (DateTimeOffset?)null), ct) == 0)
        {
            throw new UnauthorizedException(VerifyMfa.ExpiredDetail);
        }

        return new VerifyMfa.Outcome(await signIns.StartSessionAsync(tenantDb, user, tenant, challenge.Kind, method, ct), null);
    }

    /// <summary>
    /// The live challenge a token names, with its user and tenant; null when unknown, used or expired. Each call counts
    /// against the account's and the network's sign-in throttle.
    /// </summary>
    public async Task<(MfaChallenge Challenge, User User, Tenant Tenant)?> OpenAsync(string token, CancellationToken ct)
    {
        var challenge = await MfaChallenges.FindLiveAsync(db, token, clock.GetUtcNow(), ct);
        if (challenge is null)
        {
            return null;
        }

        // Deliberate bypass, keyed by the challenge the token named: the client has no session, hence no tenant, yet.
        var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().FirstAsync(u => u.Id == challenge.UserId, ct);
        if (!await throttle.TryAcquireAsync(user.NormalizedEmail, caller.IpAddress, ct))
        {
            throw new TooManyRequestsException("Too many sign-in attempts for this account or network. Wait a minute and try again.", TimeSpan.FromMinutes(1));
        }

        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
        return (challenge, user, tenant);
    }
}
