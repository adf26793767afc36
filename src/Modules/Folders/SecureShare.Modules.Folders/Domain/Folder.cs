using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Folders.Domain;

/// <summary>
/// A folder of one tenant's tree. RestrictedBy is derived and kept current by <see cref="FolderTree"/>:
/// the nearest folder, this one or an ancestor, that has security groups (null: unrestricted),
/// so a list query checks visibility with one join.
/// </summary>
internal sealed class Folder : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public Guid? ParentId { get; set; }

    /// <summary>ParentId, or Guid.Empty at the root: lets one unique index keep sibling names unique on every provider.</summary>
    public Guid ParentKey { get; set; }

    public Guid? RestrictedBy { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<FolderGroup> Groups { get; init; } = [];

    public const int NameMaxLength = 100;

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public void Place(Guid? parentId)
    {
        ParentId = parentId;
        ParentKey = parentId ?? Guid.Empty;
    }
}

internal sealed class FolderGroup : ITenantOwned
{
    public Guid FolderId { get; init; }

    public Guid GroupId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
