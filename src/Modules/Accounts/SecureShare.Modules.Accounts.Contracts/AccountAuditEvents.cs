namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>The audit event types the Accounts module writes: tenants, users, groups, sign-in and sessions.</summary>
public static class AccountAuditEvents
{
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";

    /// <summary>The password was right and a second factor is due (no session yet).</summary>
    public const string MfaDue = "auth.mfa.due";
    public const string MfaFailed = "auth.mfa.failed";
    public const string TotpEnrolmentStarted = "user.mfa.totp.enrolment-started";
    public const string TotpEnrolled = "user.mfa.totp.enrolled";
    public const string TotpRemoved = "user.mfa.totp.removed";
    public const string PasskeyAdded = "user.mfa.passkey.added";
    public const string PasskeyRemoved = "user.mfa.passkey.removed";
    public const string UserInvited = "user.invited";
    public const string InvitationAccepted = "user.invitation.accepted";
    public const string PasswordResetRequested = "user.password.reset.requested";
    public const string PasswordReset = "user.password.reset";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string MfaReset = "user.mfa.reset";
    public const string TenantPolicyChanged = "tenant.policy.changed";
    public const string TenantSsoChanged = "tenant.sso.changed";
    public const string TenantSsoRemoved = "tenant.sso.removed";
    public const string SsoFailed = "auth.sso.failed";
    public const string GroupsSyncedFromSso = "user.groups.synced";
    public const string RecoveryCodesRenewed = "user.mfa.recovery-codes.renewed";
    public const string TenantCreated = "tenant.created";
    public const string ClientCreated = "client.created";
    public const string ClientOffboarded = "client.offboarded";
    public const string TenantOffboarded = "tenant.offboarded";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";

    /// <summary>A user was offboarded: disabled, signed out, their links revoked and what they knew flagged to rotate.</summary>
    public const string UserOffboarded = "user.offboarded";
    public const string PasswordChanged = "user.password.changed";
    public const string PasswordChangeFailed = "user.password.change.failed";
    public const string SessionEnded = "session.ended";
    public const string GroupCreated = "group.created";
    public const string GroupMembersChanged = "group.members.changed";
}
