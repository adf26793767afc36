using System.Security.Cryptography;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

internal sealed class User : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public required string Email { get; set; }

    /// <summary>Emails are unique across the installation: a login names no tenant.</summary>
    public required string NormalizedEmail { get; set; }

    public required string DisplayName { get; set; }

    public UserRole Role { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Changes whenever the role, the password or the enabled state changes: older tokens stop working.</summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public bool IsDisabled { get; set; }

    /// <summary>The password was given by an admin: its first sign-in may only replace it.</summary>
    public bool MustChangePassword { get; set; }

    public int FailedLoginCount { get; set; }

    public DateTimeOffset? LockoutEndsAt { get; set; }

    /// <summary>The TOTP seed (base32), encrypted under the tenant's data key; null while TOTP is off.</summary>
    public byte[]? TotpSecret { get; set; }

    /// <summary>A seed being enrolled: it becomes <see cref="TotpSecret"/> when a first code from it is confirmed.</summary>
    public byte[]? TotpPendingSecret { get; set; }

    /// <summary>The time step of the last accepted TOTP code: a code of that step or an earlier one is a replay.</summary>
    public long TotpLastStep { get; set; }

    /// <summary>The single sign-on provider's subject (<c>sub</c>) this user is bound to since their first SSO sign-in.</summary>
    public string? SsoSubject { get; set; }

    /// <summary>How many passkeys the user has: changed by one conditional UPDATE with each added or removed.</summary>
    public int PasskeyCount { get; set; }

    /// <summary>
    /// The WebAuthn options of a passkey being registered (their challenge is answered once), and until when: the
    /// registration's own state, kept in the shared database so any host can finish it.
    /// </summary>
    public string? PasskeyPendingOptions { get; set; }

    public DateTimeOffset? PasskeyPendingExpiresAt { get; set; }

    /// <summary>A second factor is enrolled: a password alone does not sign in.</summary>
    public bool HasMfa => TotpSecret is not null || PasskeyCount > 0;

    /// <summary>The second factors the user can answer a sign-in with, in the order a sign-in page offers them.</summary>
    public IReadOnlyList<MfaMethod> MfaMethods =>
        [.. PasskeyCount > 0 ? [MfaMethod.Passkey] : Array.Empty<MfaMethod>(), .. TotpSecret is not null ? [MfaMethod.Totp] : Array.Empty<MfaMethod>(), MfaMethod.RecoveryCode];

    public DateTimeOffset CreatedAt { get; init; }

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();

    public static string NewSecurityStamp() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public void RenewSecurityStamp() => SecurityStamp = NewSecurityStamp();
}
