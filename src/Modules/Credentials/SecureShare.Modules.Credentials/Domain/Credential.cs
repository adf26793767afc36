using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// A credential, owned by its origin tenant (its TenantId). Secret values are stored only as
/// ciphertexts of the origin's data key, each bound to this credential and its field name.
/// For an ApiSecret, Username holds the key id and Url the endpoint.
/// </summary>
internal sealed class Credential : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public CredentialKind Kind { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? Username { get; set; }

    public string? Url { get; set; }

    public byte[]? SecretCipher { get; set; }

    public byte[]? NotesCipher { get; set; }

    public byte[]? TotpSeedCipher { get; set; }

    /// <summary>Counts secret changes; the current secret is version SecretVersion, earlier ones are CredentialVersion rows.</summary>
    public int SecretVersion { get; set; } = 1;

    public bool NeedsRotation { get; set; }

    /// <summary>
    /// When the secret itself was last set (at creation, or an update that rotated it: <see cref="CredentialRotation"/>),
    /// and by whom: what "who knew this password" measures reads against. A notes-only change keeps them.
    /// </summary>
    public DateTimeOffset SecretChangedAt { get; set; }

    public Guid? SecretChangedByUserId { get; set; }

    public Guid CreatedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CredentialTag> Tags { get; init; } = [];

    public List<CustomField> CustomFields { get; init; } = [];
}

internal sealed class CredentialTag : ITenantOwned
{
    public Guid CredentialId { get; init; }

    /// <summary>As typed; filters compare the normalized form.</summary>
    public required string Tag { get; init; }

    public required string NormalizedTag { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>A named extra field; a secret one keeps only its ciphertext.</summary>
internal sealed class CustomField : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CredentialId { get; init; }

    public int Position { get; init; }

    public required string Name { get; init; }

    public bool IsSecret { get; init; }

    public string? Value { get; init; }

    public byte[]? ValueCipher { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>An earlier secret state (secret, notes, TOTP seed, secret custom fields), encrypted as one value.</summary>
internal sealed class CredentialVersion : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CredentialId { get; init; }

    public int Version { get; init; }

    public required byte[] Cipher { get; init; }

    public Guid? ChangedByUserId { get; init; }

    public required string ChangedByName { get; init; }

    /// <summary>When this version stopped being current.</summary>
    public DateTimeOffset ReplacedAt { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>A tenant's data key, wrapped by a master key, and what the tenant's files take. One per tenant.</summary>
internal sealed class TenantDataKey : ITenantOwned
{
    public Guid Id { get; init; }

    public required string MasterKeyId { get; set; }

    public required byte[] Wrapped { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Bytes of files the tenant stores (every version counted), against its file quota; changed only by one conditional
    /// UPDATE (<see cref="Services.FileQuota"/>). Kept on this row because every tenant has exactly one.
    /// </summary>
    public long FileBytes { get; set; }

    /// <summary>
    /// Bytes of the imports kept for the tenant's jobs (<see cref="ImportParcelPart"/>), against
    /// <see cref="ImportParcelLimits.Room"/>; changed only by one conditional UPDATE (<c>ImportParcels</c>).
    /// </summary>
    public long KeptImportBytes { get; set; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
