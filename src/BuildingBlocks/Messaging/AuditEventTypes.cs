namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>The event types of the audit log; each module adds its own here as it grows.</summary>
public static class AuditEventTypes
{
    public const string AccessDenied = "access.denied";
    public const string RequestRefused = "request.refused";
    public const string RefusalsThrottled = "request.refused.throttled";
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";
    public const string TenantCreated = "tenant.created";
    public const string ClientCreated = "client.created";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string PasswordChanged = "user.password.changed";
    public const string PasswordChangeFailed = "user.password.change.failed";
    public const string SessionEnded = "session.ended";
    public const string GroupCreated = "group.created";
    public const string GroupMembersChanged = "group.members.changed";
}
