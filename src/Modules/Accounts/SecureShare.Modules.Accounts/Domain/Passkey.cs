using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>
/// A WebAuthn credential (a passkey, a security key) a user signs in with as their second factor: its id and public key
/// as the authenticator made them, and the signature counter it last showed (a counter that goes back betrays a cloned
/// authenticator). The private key never leaves the authenticator; nothing here is secret.
/// </summary>
internal sealed class Passkey : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public Guid UserId { get; init; }

    /// <summary>The user's own name for it ("YubiKey 5", "Work laptop").</summary>
    public required string Name { get; init; }

    /// <summary>The authenticator's id of the credential: unique across the installation.</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>The COSE public key the signatures are checked with.</summary>
    public required byte[] PublicKey { get; init; }

    public long SignCount { get; set; }

    /// <summary>The authenticator's model (AAGUID), all zeros where it does not say.</summary>
    public Guid AaGuid { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
