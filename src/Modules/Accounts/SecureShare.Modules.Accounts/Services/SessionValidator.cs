using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Re-checks a token's or cookie's session on every request, in one query: the server-side session is
/// live (not signed out, not idle past the timeout, not past its absolute end), its user is still
/// enabled and has the same security stamp, its tenant is not offboarded. A sign-out, a disabled user, a changed role or a changed
/// password therefore ends older tokens and cookies at once. The same query says what the session is limited to: a
/// one-time password to replace, or a second factor to enrol when the tenant or its MSP requires one and the user has
/// none (decided on every request, so a policy switched on limits sessions already open). Runs before the tenant is known, so it is a
/// deliberate, reviewed tenant-filter bypass, keyed by the signed session and user ids only. The
/// session's last use is written at most once a minute, in a transaction of its own.
/// </summary>
internal sealed class SessionValidator(ModuleDbContextFactory<AccountsDbContext> contexts, DbSession session, AuthOptions options, TimeProvider clock)
    : ISessionValidator
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<SessionPrincipal?> ValidateAsync(Guid sessionId, Guid userId, string securityStamp, CancellationToken cancellationToken)
    {
        var db = contexts.Create();
        var row = await session.ReadAsync(() => Sessions.GetOrAdd(db.Model, _ => CompileSessionQuery())(db, sessionId, userId, cancellationToken), cancellationToken);
        var now = clock.GetUtcNow();
        if (row is null || row.IsDisabled || row.Tenant.State != TenantState.Active || !StampsEqual(row.SecurityStamp, securityStamp) || !row.Session.IsLive(now, row.Tenant.SessionIdleTimeout(options)))
        {
            return null;
        }

        var tenant = row.Tenant.ToInfo();
        if (now - row.Session.LastSeenAt >= TouchEvery)
        {
            using (TenantContext.Begin(tenant))
            using (CommandCounter.AsUpkeep())
            {
                var threshold = now - TouchEvery;
                await session.InTransactionAsync(
                    () => contexts.Create().Sessions.Where(s => s.Id == sessionId && s.LastSeenAt <= threshold)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken),
                    cancellationToken);
            }
        }

        var limit = row.Session.PasswordChangeOnly ? SessionLimit.PasswordChange
            // A single sign-on answers for the tenant's own MFA requirement (its provider's MFA is the tenant's to require),
            // never for its MSP's, which a client's admin cannot waive by choosing a provider.
            : !row.HasMfa && (row.MspRequiresMfa || (!row.Session.ViaSso && (row.Tenant.MfaRequired || row.Tenant.SsoRequired))) ? SessionLimit.MfaEnrolment
            : SessionLimit.None;
        return new SessionPrincipal(row.Id, row.Email, row.DisplayName, row.Role, tenant, row.Groups, sessionId, limit);
    }

    private static readonly string[] TenantFilterOnly = [ModuleDbContext.TenantFilter];

    /// <summary>The session's one query, compiled once per model (a model per provider): it runs on every request.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<AccountsDbContext, Guid, Guid, CancellationToken, Task<SessionRow?>>> Sessions = new();

    private static Func<AccountsDbContext, Guid, Guid, CancellationToken, Task<SessionRow?>> CompileSessionQuery() => EF.CompileAsyncQuery(
        (AccountsDbContext db, Guid sessionId, Guid userId, CancellationToken _) => (
                from s in db.Sessions.IgnoreQueryFilters(TenantFilterOnly)
                join u in db.Users.IgnoreQueryFilters(TenantFilterOnly) on s.UserId equals u.Id
                join t in db.Tenants on u.TenantId equals t.Id
                from msp in db.Tenants.Where(m => m.Id == t.ParentMspId).DefaultIfEmpty()
                where s.Id == sessionId && u.Id == userId && s.TenantId == u.TenantId
                select new SessionRow(
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.Role,
                    u.SecurityStamp,
                    u.IsDisabled,
                    u.TotpSecret != null || u.PasskeyCount > 0,
                    msp != null && msp.MfaRequiredForClients,
                    t,
                    s,
                    db.GroupMembers.Where(m => m.UserId == u.Id && m.TenantId == u.TenantId).Select(m => m.GroupId).ToList()))
            .AsNoTracking()
            .FirstOrDefault());

    private sealed record SessionRow(
        Guid Id, string Email, string DisplayName, UserRole Role, string SecurityStamp, bool IsDisabled, bool HasMfa, bool MspRequiresMfa, Tenant Tenant, Session Session, List<Guid> Groups);

    private static bool StampsEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
