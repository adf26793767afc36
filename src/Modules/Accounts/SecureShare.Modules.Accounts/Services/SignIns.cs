using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Features.Auth;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>How a sign-in was completed, as its audit event says.</summary>
public enum SignInMethod
{
    Password,
    Totp,
    RecoveryCode,
    Passkey,

    /// <summary>The tenant's OpenID Connect provider.</summary>
    Sso,
}

/// <summary>The end of every successful sign-in, whatever its factors: a new session, its audit event, its token.</summary>
internal sealed class SignIns(SessionLifetimes sessions, TokenIssuer tokens, IAuditTrail audit)
{
    public async Task<Login.Response> StartSessionAsync(
        AccountsDbContext tenantDb, User user, Tenant tenant, SessionKind kind, SignInMethod method, CancellationToken ct)
    {
        var started = sessions.Start(tenantDb, user, tenant, kind, method == SignInMethod.Sso, method is SignInMethod.Totp or SignInMethod.RecoveryCode or SignInMethod.Passkey);
        await tenantDb.SaveChangesAsync(ct);
        await audit.RecordAsync(
            new AuditRecord(
                AccountAuditEvents.LoginSucceeded,
                AuditOutcome.Succeeded,
                [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName), new AuditTarget(AuditTargetKinds.Session, started.Id)],
                new Dictionary<string, string> { ["kind"] = kind.ToString(), ["method"] = method.ToString() },
                new AuditActor(user.Id, user.DisplayName)),
            ct);
        var (token, expiresAt) = tokens.Issue(user, started);
        return new Login.Response(token, expiresAt, user.Id, user.TenantId, tenant.Kind, user.Role, user.MustChangePassword, user.SecurityStamp, started.Id);
    }

    /// <summary>A failed step of a sign-in, audited in the user's tenant (it commits even though the answer is a 401).</summary>
    public Task FailedAsync(User user, string type, string reason, CancellationToken ct) =>
        audit.RecordAsync(
            new AuditRecord(type, AuditOutcome.Failed, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
                new Dictionary<string, string> { ["reason"] = reason }, new AuditActor(user.Id, user.DisplayName)),
            ct);
}
