using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>Starting and ending server-side sessions; every start and end is audited in the user's tenant.</summary>
internal sealed class SessionLifetimes(AuthOptions options, TimeProvider clock, ICurrentUser caller, IAuditTrail audit)
{
    /// <summary>A new session of <paramref name="user"/> in its tenant's context (saved with the caller's changes), as long as its tenant allows.</summary>
    public Session Start(AccountsDbContext tenantDb, User user, Tenant tenant, SessionKind kind, bool viaSso = false, bool withSecondFactor = false)
    {
        RequireActive(tenant);

        var now = clock.GetUtcNow();
        var session = new Session
        {
            UserId = user.Id,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now.Add(tenant.SessionMaxLifetime(options)),
            PasswordChangeOnly = user.MustChangePassword && !viaSso,
            ViaSso = viaSso,
            WithSecondFactor = withSecondFactor,
            Ip = caller.IpAddress,
            UserAgent = caller.UserAgent,
        };
        tenantDb.Sessions.Add(session);
        return session;
    }

    /// <summary>
    /// A 401 for a user of an offboarded tenant: said only to someone who proved to be the user (a password, a passkey, a
    /// provider's word), so the account's existence is no secret to them; before any of the tenant's secrets is opened.
    /// </summary>
    public static void RequireActive(Tenant tenant)
    {
        if (tenant.State != TenantState.Active)
        {
            throw new UnauthorizedException("Your organisation's access was ended by its MSP: nobody of it can sign in.");
        }
    }

    /// <summary>Ends these sessions of <paramref name="db"/> (those still open) in one statement, each audited with its user's name; returns how many ended.</summary>
    public async Task<int> EndAsync(AccountsDbContext db, IQueryable<Session> sessions, string reason, CancellationToken ct)
    {
        var ending = await (
                from s in sessions
                where s.EndedAt == null
                join u in db.Users on s.UserId equals u.Id
                select new { s.Id, s.UserId, u.DisplayName })
            .ToListAsync(ct);
        if (ending.Count == 0)
        {
            return 0;
        }

        var ids = ending.Select(s => s.Id).ToList();
        var now = clock.GetUtcNow();
        await sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await audit.RecordManyAsync(
            ending.Select(s => new AuditRecord(AccountAuditEvents.SessionEnded, AuditOutcome.Succeeded,
                [new AuditTarget(AuditTargetKinds.Session, s.Id), new AuditTarget(AuditTargetKinds.User, s.UserId, s.DisplayName)], new Dictionary<string, string> { ["reason"] = reason })).ToList(),
            ct);
        return ending.Count;
    }
}
