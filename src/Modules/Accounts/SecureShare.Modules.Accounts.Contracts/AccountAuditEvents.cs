namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>The audit event types the Accounts module writes: tenants, users, groups, sign-in and sessions.</summary>
public static class AccountAuditEvents
{
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";
    public const string TenantCreated = "tenant.created";
    public const string ClientCreated = "client.created";
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
