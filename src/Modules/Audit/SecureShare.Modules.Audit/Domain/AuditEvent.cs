using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>One recorded action. Append-only: the Audit context refuses to update or delete events.</summary>
internal sealed class AuditEvent : ITenantOwned
{
    /// <summary>Insertion order across the installation; the keyset of the newest-first list.</summary>
    public long Sequence { get; init; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>The tenant's name when it happened; null only in events written before names were kept (canonical v1).</summary>
    public string? TenantName { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Type { get; init; }

    public Guid? ActorUserId { get; init; }

    public required string ActorName { get; init; }

    /// <summary>The tenant the actor belongs to: the log's own, a partner's (an MSP user reading a client's credential), or none (the platform, a link's recipient).</summary>
    public Guid? ActorTenantId { get; init; }

    public string? ActorTenantName { get; init; }

    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    public AuditOutcome Outcome { get; init; }

    /// <summary>Short non-secret facts as a JSON object of strings; shown, never queried.</summary>
    public string? Details { get; init; }

    public List<AuditEventTarget> Targets { get; init; } = [];
}

/// <summary>An object an event is about, indexed so the log can be filtered by it (a credential, a user).</summary>
internal sealed class AuditEventTarget : ITenantOwned
{
    public long EventSequence { get; init; }

    public required string Kind { get; init; }

    public Guid TargetId { get; init; }

    /// <summary>The object's display name when it happened, if it has one.</summary>
    public string? Name { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
