using Mediator;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>
/// Published in the ambient tenant once these credentials' folders there changed: placed on creation or import
/// (<see cref="New"/>: no share of theirs can exist yet), moved, or carried along with a folder that moved (a deleted one: <see cref="FolderDeleted"/>).
/// Folder share rules follow it.
/// </summary>
public sealed record PlacementsChanged(IReadOnlyCollection<Guid> CredentialIds, bool New) : INotification;

/// <summary>
/// Published in the ambient tenant once a folder is deleted: the credentials it and its subfolders held (now one level
/// up) have new placements, and nothing may refer to the folder any more (its share rules end).
/// </summary>
public sealed record FolderDeleted(Guid FolderId, IReadOnlyCollection<Guid> CredentialIds) : INotification;

/// <summary>
/// The ambient tenant's folder tree (each folder's parent) and the folder of each of its own credentials (not those shared
/// into it): the named ones, and every one in the subtree of <see cref="Under"/>.
/// </summary>
public sealed record GetOwnPlacements(IReadOnlyCollection<Guid> CredentialIds, Guid? Under = null) : IQuery<OwnTree>;

/// <summary>Each folder's parent (null: the top), and each credential's folder (null: the top).</summary>
public sealed record OwnTree(IReadOnlyDictionary<Guid, Guid?> ParentOf, IReadOnlyDictionary<Guid, Guid?> FolderOf)
{
    /// <summary>A folder and its ancestors, nearest first (none for the top).</summary>
    public IEnumerable<Guid> Upwards(Guid? folder)
    {
        for (var at = folder; at is { } id && ParentOf.ContainsKey(id); at = ParentOf[id])
        {
            yield return id;
        }
    }
}
