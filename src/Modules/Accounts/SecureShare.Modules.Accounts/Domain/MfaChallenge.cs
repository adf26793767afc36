using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>
/// A sign-in whose password was right and whose second factor is due: named by a random token (stored as its SHA-256
/// hash), good for five minutes and for one success. It holds the security stamp the password was checked with, so a
/// password changed meanwhile voids it.
/// </summary>
internal sealed class MfaChallenge : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public Guid UserId { get; init; }

    public required byte[] TokenHash { get; init; }

    public SessionKind Kind { get; init; }

    public required string SecurityStamp { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The WebAuthn assertion options handed out for this sign-in, once a passkey was asked for: their challenge is the one a passkey must sign.</summary>
    public string? PasskeyOptions { get; set; }
}
