using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// A link share: a snapshot of some of a credential's values for one person without an account,
/// owned by the tenant whose user made it. The server keeps only what cannot reveal the content: the
/// AES-256-GCM ciphertext (its key lives only in the link, after '#'), a hash of the link's token and a
/// slow hash of the passphrase. The ciphertext is cleared when the link is used up, revoked, locked or expired.
/// </summary>
internal sealed class LinkShare : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CredentialId { get; init; }

    /// <summary>SHA-256 of the token in the link's path; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; init; }

    /// <summary>Shown to the recipient before the content is opened.</summary>
    public required string Title { get; init; }

    /// <summary>The names of the fields in the snapshot (never their values), as a JSON array.</summary>
    public required string Fields { get; init; }

    public required byte[] Nonce { get; init; }

    /// <summary>Ciphertext with its 16-byte tag appended, as WebCrypto reads it; null once the link is gone.</summary>
    public byte[]? Ciphertext { get; set; }

    public string? PassphraseHash { get; set; }

    public int MaxViews { get; init; }

    public int Views { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>
    /// SHA-256 of the grant the latest open gave the recipient to fetch the link's files, and until when it holds: the files
    /// outlive the last view by that long, so that the recipient who used it can still download them.
    /// </summary>
    public byte[]? FilesGrantHash { get; set; }

    public DateTimeOffset? FilesGrantExpiresAt { get; set; }

    public Guid CreatedByUserId { get; init; }

    public required string CreatedByName { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>A tenant's rules for link shares; a tenant without a row has the defaults.</summary>
internal sealed class LinkPolicy : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public int MaxExpiryMinutes { get; set; } = LinkLimits.DefaultMaxExpiryMinutes;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class LinkLimits
{
    public const int Title = 200;
    public const int Passphrase = 256;
    public const int MaxViews = 100;
    public const int MaxFailedPassphrases = 5;
    public const int DefaultMaxExpiryMinutes = 7 * 24 * 60;

    /// <summary>The most a tenant's policy may allow: 90 days.</summary>
    public const int PolicyCeilingMinutes = 90 * 24 * 60;
    public const int DefaultExpiryMinutes = 24 * 60;

    /// <summary>The most files one link carries.</summary>
    public const int Files = 10;

    /// <summary>How long after an open its recipient may fetch the link's files.</summary>
    public static readonly TimeSpan FilesGrant = TimeSpan.FromMinutes(15);
}
