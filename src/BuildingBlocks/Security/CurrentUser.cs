using Microsoft.AspNetCore.Http;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.BuildingBlocks.Security;

public enum UserRole
{
    Admin,
    Technician,
    Member,
}

/// <summary>What a session may do before its user does something first.</summary>
public enum SessionLimit
{
    /// <summary>Everything the role allows.</summary>
    None,

    /// <summary>Signed in with a password an admin gave: only replacing it.</summary>
    PasswordChange,

    /// <summary>The tenant (or its MSP) requires a second factor and the user has none: only enrolling one.</summary>
    MfaEnrolment,
}

/// <summary>
/// The authenticated caller, as checked against the database on this very request, with its security groups
/// and its server-side session, and what that session is limited to.
/// </summary>
public sealed record SessionPrincipal(
    Guid UserId,
    string Email,
    string DisplayName,
    UserRole Role,
    TenantInfo Tenant,
    IReadOnlyList<Guid> GroupIds,
    Guid SessionId = default,
    SessionLimit Limit = SessionLimit.None,
    ApiKeyUse? Key = null)
{
    public bool IsAdmin => Role == UserRole.Admin;
}

/// <summary>The caller is an API key, not a person at a browser: which one, and whether it may only read.</summary>
public sealed record ApiKeyUse(Guid Id, string Name, bool ReadOnly);

/// <summary>Checks an API key (<c>ss_…</c>) on every request: live, from an allowed address, its owner still enabled. Implemented by Accounts.</summary>
public interface IApiKeyValidator
{
    Task<SessionPrincipal?> ValidateAsync(string key, string? ipAddress, CancellationToken cancellationToken);
}

/// <summary>Checks a token's or cookie's session, user and security stamp on every request. Implemented by Accounts.</summary>
public interface ISessionValidator
{
    Task<SessionPrincipal?> ValidateAsync(Guid sessionId, Guid userId, string securityStamp, CancellationToken cancellationToken);
}

/// <summary>
/// Endpoint metadata: a session limited so may still call it (to replace a one-time password, to enrol a second factor,
/// to see who it is, to sign out). An endpoint may carry several.
/// </summary>
public sealed class AllowedInLimitedSession(SessionLimit limit)
{
    public static readonly AllowedInLimitedSession BeforePasswordChange = new(SessionLimit.PasswordChange);

    public static readonly AllowedInLimitedSession BeforeMfaEnrolment = new(SessionLimit.MfaEnrolment);

    public SessionLimit Limit { get; } = limit;
}

public interface ICurrentUser
{
    SessionPrincipal? Principal { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }

    /// <summary>The caller; throws when anonymous (endpoints that need it require authorization).</summary>
    SessionPrincipal Required => Principal ?? throw new UnauthorizedException("Sign in first.");

    /// <summary>A 403 (audited as denied) unless the caller has one of <paramref name="roles"/>.</summary>
    SessionPrincipal RequireRole(params UserRole[] roles)
    {
        var principal = Required;
        return roles.Contains(principal.Role)
            ? principal
            : throw new ForbiddenException($"The {principal.Role} role may not do this.");
    }
}

/// <summary>
/// The caller a background job acts for, per DI scope: set by the job runner from what the request that started the job
/// recorded (its user, re-checked when the job runs, and its address and agent). Unset during a request.
/// </summary>
public sealed class JobCaller
{
    public SessionPrincipal? Principal { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public void Set(SessionPrincipal principal, string? ipAddress, string? userAgent) => (Principal, IpAddress, UserAgent) = (principal, ipAddress, userAgent);
}

/// <summary>A job's caller as of now, in the current tenant. Implemented by Accounts.</summary>
public interface IUserPrincipals
{
    /// <summary>An enabled user, with its current role and groups.</summary>
    Task<SessionPrincipal?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>An API key as a request would find it now (not revoked or expired, its people still able to use it).</summary>
    Task<SessionPrincipal?> FindApiKeyAsync(Guid keyId, CancellationToken cancellationToken);
}

/// <summary>The request's signed-in caller, or inside a job the caller it acts for.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor, JobCaller job) : ICurrentUser
{
    public SessionPrincipal? Principal => job.Principal ?? accessor.HttpContext?.Features.Get<SessionPrincipal>();

    public string? IpAddress => job.Principal is not null ? job.IpAddress : accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            if (job.Principal is not null)
            {
                return job.UserAgent;
            }

            var agent = accessor.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(agent) ? null : agent[..Math.Min(agent.Length, 256)];
        }
    }
}
