using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// An offboarded client's credentials as a password-protected Bitwarden JSON file, kept by its MSP (the owning tenant)
/// for <see cref="HandoverPackageLimits.KeptFor"/> to download and hand over. Made in two steps: the request holds the
/// password's derived keys (<see cref="Keys"/>, for <see cref="HandoverPackageLimits.KeysKeptFor"/> at most), then the
/// offboarding job writes <see cref="Cipher"/> and drops the keys in its transaction. Both are encrypted under the MSP's
/// data key: what the database holds opens with neither the password alone nor the master key alone.
/// </summary>
internal sealed class HandoverPackage : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ClientId { get; init; }

    /// <summary>The client's name when the package was made (the client may be deleted since).</summary>
    public required string ClientName { get; set; }

    public int Credentials { get; set; }

    /// <summary>The derived keys (salt, rounds, encryption and MAC key) until the package is made; then null.</summary>
    public byte[]? Keys { get; set; }

    /// <summary>The file, once made.</summary>
    public byte[]? Cipher { get; set; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

internal static class HandoverPackageLimits
{
    /// <summary>How long an MSP keeps a handover package: long enough to reach the client, short enough not to become a second vault.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    /// <summary>How long held keys wait for their job (a job that failed for good leaves them; the purge takes them).</summary>
    public static readonly TimeSpan KeysKeptFor = TimeSpan.FromDays(1);

    /// <summary>The field names the package's ciphertexts are bound to.</summary>
    public const string Field = "handover-package";

    public const string KeysField = "handover-keys";
}
