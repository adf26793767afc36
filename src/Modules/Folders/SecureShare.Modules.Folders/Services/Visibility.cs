using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Services;

/// <summary>What the caller may see in its tenant; one SQL predicate shared by the list and single reads.</summary>
internal static class Visibility
{
    /// <summary>A folder of the caller's tenant that the caller may see into (Admins: any).</summary>
    public static Task<bool> FolderVisibleTo(this FoldersDbContext db, SessionPrincipal caller, Guid folderId, CancellationToken ct) =>
        db.FoldersVisibleTo(caller, [folderId], ct);

    /// <summary>Whether the caller may see into every one of these folders of its tenant: one query however many.</summary>
    public static async Task<bool> FoldersVisibleTo(this FoldersDbContext db, SessionPrincipal caller, IReadOnlyCollection<Guid> folderIds, CancellationToken ct)
    {
        var groups = caller.GroupIds.ToList();
        var admin = caller.IsAdmin;
        var ids = folderIds.ToList();
        return ids.Count == 0 || await db.Folders.CountAsync(
            f => ids.Contains(f.Id)
                && (admin || f.RestrictedBy == null || db.FolderGroups.Any(g => g.FolderId == f.RestrictedBy && groups.Contains(g.GroupId))),
            ct) == ids.Count;
    }

    public static IQueryable<CredentialEntry> VisibleTo(this FoldersDbContext db, SessionPrincipal caller)
    {
        if (caller.IsAdmin)
        {
            return db.Entries;
        }

        var groups = caller.GroupIds.ToList();
        var user = caller.UserId;
        return db.Entries.Where(e =>
            (e.AudienceEveryone || e.Audience.Any(a => a.PrincipalId == user || groups.Contains(a.PrincipalId)))
            && (e.FolderId == null
                || db.Folders.Any(f => f.Id == e.FolderId
                    && (f.RestrictedBy == null || db.FolderGroups.Any(g => g.FolderId == f.RestrictedBy && groups.Contains(g.GroupId))))));
    }
}
