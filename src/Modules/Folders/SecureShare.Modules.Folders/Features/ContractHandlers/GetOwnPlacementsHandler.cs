using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

/// <summary>What folder share rules need: the tree's parents (one query) and the own credentials' folders (one query).</summary>
internal sealed class GetOwnPlacementsHandler(ModuleDbContextFactory<FoldersDbContext> contexts) : IQueryHandler<GetOwnPlacements, OwnTree>
{
    public async ValueTask<OwnTree> Handle(GetOwnPlacements query, CancellationToken ct)
    {
        var db = contexts.Create();
        var parentOf = await db.Folders.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.ParentId, ct);
        var tree = new OwnTree(parentOf, new Dictionary<Guid, Guid?>());
        var ids = query.CredentialIds.ToList();
        var under = query.Under is { } top ? parentOf.Keys.Where(f => tree.Upwards(f).Contains(top)).Select(f => (Guid?)f).ToList() : [];
        if (ids.Count == 0 && under.Count == 0)
        {
            return tree; // the tree alone (is a folder there?)
        }

        var tenant = TenantContext.Current!.Id;
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.OriginTenantId == tenant && (ids.Contains(e.CredentialId) || under.Contains(e.FolderId)))
            .Select(e => new { e.CredentialId, e.FolderId }).ToListAsync(ct);
        return tree with { FolderOf = entries.ToDictionary(e => e.CredentialId, e => e.FolderId) };
    }
}
