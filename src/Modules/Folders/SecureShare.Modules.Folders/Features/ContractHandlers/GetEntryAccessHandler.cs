using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

internal sealed record FolderGroupRef(Guid FolderId, Guid GroupId);

/// <summary>Contract handlers read in the ambient tenant: an effective-access view asks each tenant in turn.</summary>
internal sealed class GetEntryAccessHandler(ModuleDbContextFactory<FoldersDbContext> contexts) : IQueryHandler<GetEntryAccess, IReadOnlyList<EntryAccess>>
{
    public async ValueTask<IReadOnlyList<EntryAccess>> Handle(GetEntryAccess query, CancellationToken ct)
    {
        var db = contexts.Create();
        var ids = query.CredentialIds.Distinct().ToList();
        var entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.CredentialId))
            .Select(e => new
            {
                e.CredentialId,
                e.AudienceEveryone,
                Audience = e.Audience.Select(a => a.PrincipalId).ToList(),
                RestrictedBy = db.Folders.Where(f => f.Id == e.FolderId).Select(f => f.RestrictedBy).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var restricting = entries.Where(e => e.RestrictedBy is not null).Select(e => e.RestrictedBy!.Value).Distinct().ToList();
        var groups = (restricting.Count == 0
                ? []
                : await db.FolderGroups.AsNoTracking().Where(g => restricting.Contains(g.FolderId)).Select(g => new FolderGroupRef(g.FolderId, g.GroupId)).ToListAsync(ct))
            .ToLookup(g => g.FolderId, g => g.GroupId);
        return entries.Select(e => new EntryAccess(
                e.CredentialId, e.AudienceEveryone, e.Audience, e.RestrictedBy is { } r ? groups[r].ToList() : null))
            .ToList();
    }
}
