namespace SecureShare.Modules.Audit.Domain;

/// <summary>The events the audit module writes about its own log.</summary>
internal static class AuditLogEvents
{
    /// <summary>The log (or a filtered part of it) was exported.</summary>
    public const string Exported = "audit.exported";
}
