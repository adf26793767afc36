using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>
/// A key for automation (an RMM script, CI): <c>ss_</c> and 256 random bits, shown once, stored as its SHA-256 hash. A
/// personal key acts as its owner (never above the owner's role of the moment); a tenant key (made by an Admin) acts as
/// itself. Either has a role no higher than its creator's, may be read-only, may end, may be bound to addresses.
/// </summary>
internal sealed class ApiKey : ITenantOwned
{
    public const string Prefix = "ss_";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key (<c>ss_</c> and six more), to tell keys apart in lists.</summary>
    public required string Hint { get; init; }

    public required byte[] KeyHash { get; init; }

    /// <summary>The user it acts as; null for a tenant key.</summary>
    public Guid? OwnerUserId { get; init; }

    public Guid CreatedByUserId { get; init; }

    public UserRole Role { get; init; }

    public bool ReadOnly { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Addresses or CIDR ranges the key may be used from, comma-separated; empty: anywhere.</summary>
    public string AllowedIps { get; init; } = "";

    public DateTimeOffset? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
