using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>What an emailed link lets its holder do, once.</summary>
public enum LinkPurpose
{
    /// <summary>Set the first password of an invited user (72 hours).</summary>
    Invitation,

    /// <summary>Replace a forgotten password (30 minutes).</summary>
    PasswordReset,
}

/// <summary>
/// A link sent by email: its token (256 random bits) is in the email only; here is its SHA-256 hash. Good once and for a
/// while; a newer link of the same user and purpose replaces it.
/// </summary>
internal sealed class SingleUseLink : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public Guid UserId { get; init; }

    public LinkPurpose Purpose { get; init; }

    public required byte[] TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }
}
