namespace SecureShare.Modules.Folders.Domain;

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
