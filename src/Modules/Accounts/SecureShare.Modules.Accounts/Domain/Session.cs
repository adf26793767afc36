using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>Where a session was started: a bearer token for the API, or the web UI's cookie.</summary>
public enum SessionKind
{
    Api,
    Ui,
}

/// <summary>
/// A signed-in session, kept on the server: the token or cookie only names it. It ends when its user
/// signs out (or out everywhere), when it is idle longer than the idle timeout, or at its absolute
/// expiry; an ended session is refused on the very next request. A session started with a password an
/// admin gave is good for changing that password only.
/// </summary>
internal sealed class Session : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public Guid UserId { get; init; }

    public SessionKind Kind { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The last request seen, to a minute: the idle timeout counts from here.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    public bool PasswordChangeOnly { get; set; }

    /// <summary>Started through the tenant's single sign-on: the provider answered for the second factor.</summary>
    public bool ViaSso { get; init; }

    /// <summary>The sign-in that began it took a second factor (an authenticator code, a recovery code or a passkey).</summary>
    public bool WithSecondFactor { get; init; }

    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    public bool IsLive(DateTimeOffset now, TimeSpan idleTimeout) => EndedAt is null && ExpiresAt > now && LastSeenAt + idleTimeout > now;
}
