using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>
/// One of a user's ten one-time recovery codes, for a lost authenticator: stored as a SHA-256 hash (each code is 128
/// random bits, so a fast hash is enough), used at most once.
/// </summary>
internal sealed class RecoveryCode : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public Guid UserId { get; init; }

    public required byte[] CodeHash { get; init; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A second factor a user can answer a sign-in with.</summary>
public enum MfaMethod
{
    Totp,
    RecoveryCode,
    Passkey,
}
