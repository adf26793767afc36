using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.BuildingBlocks.Messaging;

public enum AuditOutcome
{
    Succeeded,
    Failed,
    Denied,
}

/// <summary>The kinds of objects events are about, as stored in the log and its exports.</summary>
public static class AuditTargetKinds
{
    public const string Credential = "credential";
    public const string Tenant = "tenant";
    public const string User = "user";
    public const string Group = "group";
    public const string Folder = "folder";
    public const string Link = "link";
    public const string Session = "session";
    public const string DataKey = "data-key";
    public const string ApiKey = "api-key";
}

/// <summary>
/// An object an event is about, with its display name at the time (a credential's or folder's name, a user's display
/// name), stored with the event so the log stays readable after the object is renamed or deleted.
/// </summary>
public sealed record AuditTarget(string Kind, Guid Id, string? Name = null);

/// <summary>
/// Who did it, when the caller is not (yet) an authenticated user (a login, a signup), or acts for another tenant.
/// A user's tenant left out is the tenant whose log it is; an actor with no user (the platform) has none.
/// </summary>
public sealed record AuditActor(Guid? UserId, string Name, TenantInfo? Tenant = null);

/// <summary>
/// One event to record. Details are short, non-secret facts (never a password, token or secret value).
/// </summary>
public sealed record AuditRecord(
    string Type,
    AuditOutcome Outcome,
    IReadOnlyList<AuditTarget> Targets,
    IReadOnlyDictionary<string, string>? Details = null,
    AuditActor? Actor = null);

/// <summary>
/// Appends audit events to the current tenant's log, inside the open transaction of the
/// command (it refuses to write outside one). Implemented by the Audit module.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Many events at once (a bulk action's per-item records), in a constant number of statements.</summary>
    Task RecordManyAsync(IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken);
}

/// <summary>One kind of read of a credential's secret by a user, and the last time it happened.</summary>
public sealed record SecretRead(Guid CredentialId, string Type, DateTimeOffset LastAt);

/// <summary>The reads of the audit log other modules build on. Implemented by the Audit module.</summary>
public interface IAuditHistory
{
    /// <summary>
    /// What this user did of these event types to credentials, in every tenant of the ambient tenant's family (a read
    /// of a shared credential is recorded in its origin's log too): per credential and type, the last time.
    /// </summary>
    Task<IReadOnlyList<SecretRead>> SecretReadsAsync(Guid userId, IReadOnlyCollection<string> types, CancellationToken cancellationToken);
}
