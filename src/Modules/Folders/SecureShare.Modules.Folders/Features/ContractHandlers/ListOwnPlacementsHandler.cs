using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Folders.Features.Folders;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

/// <summary>An export's scope: the tree loaded once, the tenant's own entries read in one query.</summary>
internal sealed class ListOwnPlacementsHandler(ModuleDbContextFactory<FoldersDbContext> contexts, ICurrentUser caller) : IQueryHandler<ListOwnPlacements, OwnPlacements>
{
    public async ValueTask<OwnPlacements> Handle(ListOwnPlacements query, CancellationToken ct)
    {
        caller.Require(Ability.Administer);
        var db = contexts.Create();
        var tree = await FolderRules.LoadTreeAsync(db, ct);
        if (query.Under is { } under && !tree.ContainsKey(under))
        {
            throw new NotFoundException("Folder");
        }

        var paths = new Dictionary<Guid, string>();
        string PathOf(Folder folder) =>
            paths.TryGetValue(folder.Id, out var known) ? known
            : paths[folder.Id] = folder.ParentId is { } parent && tree.TryGetValue(parent, out var up) ? $"{PathOf(up)}/{folder.Name}" : folder.Name;

        var inScope = tree.Values.Where(f => query.Under is not { } top || FolderTree.IsSelfOrDescendant(tree, top, f.Id)).Select(f => f.Id).ToHashSet();
        var ancestors = new List<Guid>();
        for (var at = query.Under is { } start ? tree[start].ParentId : null; at is { } id && tree.TryGetValue(id, out var folder); at = folder.ParentId)
        {
            ancestors.Add(id);
        }

        var folders = ancestors.Concat(inScope).Select(id => new FolderPath(id, PathOf(tree[id])))
            .OrderBy(f => f.Path.Count(c => c == '/')).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        var tenant = TenantContext.Current!.Id;
        var entries = await db.Entries.AsNoTracking().Where(e => e.OriginTenantId == tenant).Select(e => new { e.CredentialId, e.FolderId }).ToListAsync(ct);
        var placed = entries.Where(e => query.Under is null || (e.FolderId is { } f && inScope.Contains(f))).ToDictionary(e => e.CredentialId, e => e.FolderId);
        return new OwnPlacements(folders, placed);
    }
}
