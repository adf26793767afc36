namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>
/// The audit event types the request pipeline writes for every module (refusals). Each module names its own events in
/// its Contracts (<c>AccountAuditEvents</c>, <c>CredentialAuditEvents</c>, <c>LinkAuditEvents</c>, <c>FolderAuditEvents</c>,
/// <c>ShareAuditEvents</c>).
/// </summary>
public static class PipelineAuditEvents
{
    /// <summary>A caller was refused for their role or was not allowed to see the object (a 403).</summary>
    public const string AccessDenied = "access.denied";

    public const string RequestRefused = "request.refused";

    /// <summary>Written once instead of further <see cref="RequestRefused"/> events when one caller is refused too often.</summary>
    public const string RefusalsThrottled = "request.refused.throttled";
}
