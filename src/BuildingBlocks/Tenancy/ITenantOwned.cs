namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>
/// A row that belongs to one tenant. The base DbContext filters it by the current tenant,
/// stamps <see cref="TenantId"/> and <see cref="FamilyId"/> on insert and refuses writes
/// to another tenant's rows. Every entity is either this or marked <see cref="GlobalEntityAttribute"/>.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }

    Guid FamilyId { get; set; }
}

/// <summary>
/// Marks an entity that is deliberately not tenant-isolated (tenants themselves, for one).
/// The reason is required so that every exception to isolation is explained where it is made.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GlobalEntityAttribute(string reason) : Attribute
{
    /// <summary>The model annotation that marks a library's entity type (which cannot carry the attribute) the same way.</summary>
    public const string Annotation = "SecureShare:GlobalEntity";

    public string Reason { get; } = reason;

    /// <summary>Whether <paramref name="entity"/> is a library's type (not ours: ours carry the attribute) marked global with a reason.</summary>
    public static bool MarksLibraryType(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType entity) =>
        entity.ClrType.Assembly.GetName().Name?.StartsWith("SecureShare.", StringComparison.Ordinal) == false
        && entity.FindAnnotation(Annotation)?.Value is string reason && !string.IsNullOrWhiteSpace(reason);
}

/// <summary>A write that would cross tenants, or a tenant-owned write with no tenant at all.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
