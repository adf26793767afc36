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

/// <summary>
/// The authenticated caller, as checked against the database on this very request, with its security groups
/// and its server-side session (a session started with a one-time password may only replace it).
/// </summary>
public sealed record SessionPrincipal(
    Guid UserId, string Email, string DisplayName, UserRole Role, TenantInfo Tenant, IReadOnlyList<Guid> GroupIds, Guid SessionId = default, bool PasswordChangeOnly = false)
{
    public bool IsAdmin => Role == UserRole.Admin;
}

/// <summary>Checks a token's or cookie's session, user and security stamp on every request. Implemented by Accounts.</summary>
public interface ISessionValidator
{
    Task<SessionPrincipal?> ValidateAsync(Guid sessionId, Guid userId, string securityStamp, CancellationToken cancellationToken);
}

/// <summary>Endpoint metadata: a session started with a one-time password may call it (to replace that password, see who it is, sign out).</summary>
public sealed class AllowedBeforePasswordChange
{
    public static readonly AllowedBeforePasswordChange Instance = new();
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

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public SessionPrincipal? Principal => accessor.HttpContext?.Features.Get<SessionPrincipal>();

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var agent = accessor.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(agent) ? null : agent[..Math.Min(agent.Length, 256)];
        }
    }
}
