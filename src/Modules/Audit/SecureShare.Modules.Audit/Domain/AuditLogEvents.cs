namespace SecureShare.Modules.Audit.Domain;

/// <summary>The events the audit module writes about its own log.</summary>
internal static class AuditLogEvents
{
    /// <summary>The log (or a filtered part of it) was exported.</summary>
    public const string Exported = "audit.exported";

    /// <summary>The tenant's retention was changed.</summary>
    public const string PolicyChanged = "audit.policy.changed";

    /// <summary>
    /// A retention checkpoint: the events at positions up to <c>removedThrough</c> were removed; the chain goes on from
    /// <c>lastRemovedHash</c>, which an export's reader starts from.
    /// </summary>
    public const string RetentionApplied = "audit.retention.applied";
}
