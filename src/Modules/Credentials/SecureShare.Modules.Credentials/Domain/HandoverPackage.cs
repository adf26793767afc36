using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// An offboarded client's credentials as a password-protected Bitwarden JSON file, kept by its MSP (the owning tenant)
/// for <see cref="HandoverPackageLimits.KeptFor"/> to download and hand over. <see cref="Cipher"/> is that file
/// encrypted again under the MSP's data key: what the database holds opens with neither the password alone nor the
/// master key alone. One per client.
/// </summary>
internal sealed class HandoverPackage : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ClientId { get; init; }

    /// <summary>The client's name when the package was made (the client may be deleted since).</summary>
    public required string ClientName { get; init; }

    public int Credentials { get; init; }

    public required byte[] Cipher { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

internal static class HandoverPackageLimits
{
    /// <summary>How long an MSP keeps a handover package: long enough to reach the client, short enough not to become a second vault.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    /// <summary>The field name the package's ciphertext is bound to.</summary>
    public const string Field = "handover-package";
}
