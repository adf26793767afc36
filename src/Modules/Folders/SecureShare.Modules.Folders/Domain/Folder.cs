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

/// <summary>Tree rules over one tenant's folders, loaded whole (a tenant's tree is small).</summary>
internal static class FolderTree
{
    /// <summary>True when <paramref name="candidate"/> is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsSelfOrDescendant(IReadOnlyDictionary<Guid, Folder> folders, Guid folder, Guid candidate)
    {
        for (Guid? at = candidate; at is { } id; at = folders.TryGetValue(id, out var f) ? f.ParentId : null)
        {
            if (id == folder)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Recomputes every folder's effective restriction: its own groups, else its parent's restriction.</summary>
    public static void RecomputeRestrictions(IReadOnlyDictionary<Guid, Folder> folders)
    {
        var children = folders.Values.ToLookup(f => f.ParentId);
        void Walk(Guid? parent, Guid? inherited)
        {
            foreach (var folder in children[parent])
            {
                folder.RestrictedBy = folder.Groups.Count > 0 ? folder.Id : inherited;
                Walk(folder.Id, folder.RestrictedBy);
            }
        }

        Walk(null, null);
    }
}
