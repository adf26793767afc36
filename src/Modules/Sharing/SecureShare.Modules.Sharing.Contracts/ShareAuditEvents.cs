namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>
/// The audit event types the Sharing module writes. Each is written in both tenants' logs (the origin's and the
/// target's), with the credential and the other tenant as targets.
/// </summary>
public static class ShareAuditEvents
{
    /// <summary>In the origin's log; the target's gets <see cref="Received"/>.</summary>
    public const string Created = "share.created";

    public const string Received = "share.received";
    public const string Updated = "share.updated";

    /// <summary>In the origin's log only: a credential of a share request that was not shared, with the reason.</summary>
    public const string Refused = "share.refused";

    /// <summary>Stopped by the origin.</summary>
    public const string Stopped = "share.stopped";

    /// <summary>Stopped on its side by the target tenant's Admin.</summary>
    public const string StoppedByTarget = "share.stopped-by-target";

    public const string Expired = "share.expired";

    /// <summary>Revoked with every other share between two tenants.</summary>
    public const string Revoked = "share.revoked";

    /// <summary>Ended because its credential was deleted.</summary>
    public const string Deleted = "share.deleted";

    /// <summary>In the origin's log: a folder share rule was set or its terms changed (each share it makes is audited as such).</summary>
    public const string RuleSaved = "share.rule.saved";

    public const string RuleRemoved = "share.rule.removed";

    /// <summary>In the target's log: its Admin chose the folder a rule's credentials arrive in.</summary>
    public const string RuleFolderChosen = "share.rule.folder-chosen";
}
