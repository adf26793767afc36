using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>
/// One link of a tenant's chain (decision 0028): the event at this position and the hash that covers it and every
/// event before it. Written once by the sealer, never changed; events themselves are never updated.
/// </summary>
internal sealed class AuditChainLink : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>The position in the tenant's chain, from 1.</summary>
    public long Index { get; init; }

    public long EventSequence { get; init; }

    /// <summary>The event's id, so verify names an event whose row is gone.</summary>
    public Guid EventId { get; init; }

    public required byte[] Hash { get; init; }

    public DateTimeOffset SealedAt { get; init; }
}

/// <summary>The newest link of a tenant's chain, signed with the installation's audit key when the sealer moved it.</summary>
internal sealed class AuditChainHead : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public long Index { get; set; }

    public required byte[] Hash { get; set; }

    public DateTimeOffset SignedAt { get; set; }

    public required byte[] Signature { get; set; }

    /// <summary>The id of the key that made the signature (<see cref="AuditSigningKey.Id"/>).</summary>
    public required string KeyId { get; set; }

    /// <summary>The last position retention removed (0: none); the chain goes on from <see cref="StartHash"/>.</summary>
    public long StartIndex { get; set; }

    /// <summary>The link at <see cref="StartIndex"/>, which the first kept event follows; null: the genesis.</summary>
    public byte[]? StartHash { get; set; }
}

/// <summary>How long a tenant keeps its audit events (decision 0031); no row: <see cref="DefaultRetentionDays"/>.</summary>
internal sealed class AuditPolicy : ITenantOwned
{
    public const int DefaultRetentionDays = 400;

    public const int MinRetentionDays = 90;

    public const int MaxRetentionDays = 3650;

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public int RetentionDays { get; set; } = DefaultRetentionDays;

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>How far a tenant's chain has been forwarded to syslog: the last position the connection took.</summary>
internal sealed class AuditForwardCursor : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public long Position { get; set; }
}

/// <summary>
/// How far the sealer has come across the installation: every event with a sequence up to here is linked (or was
/// committed too late to have been, which verify reports). Only the sealer reads and writes it; one row.
/// </summary>
[GlobalEntity("The sealer's own progress over the whole installation, a sequence number; no tenant data.")]
internal sealed class AuditSealerState
{
    public const int Key = 1;

    public int Id { get; init; } = Key;

    public long SealedThrough { get; set; }
}

/// <summary>
/// The gate of the database's append-only guards: triggers refuse every UPDATE and DELETE of events, targets and
/// links unless the same transaction holds a row here. Only retention opens it (decision 0029); the row goes with
/// the transaction's end, so no other connection ever sees it open.
/// </summary>
[GlobalEntity("A marker row that opens the append-only guards inside one transaction; no tenant data.")]
internal sealed class AuditMaintenanceGate
{
    public Guid Id { get; init; }

    public required string Reason { get; init; }
}
