using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Services;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

internal sealed class FindVisibleEntryHandler(FoldersDbContext db, ICurrentUser caller)
    : IQueryHandler<FindVisibleEntry, VisibleEntry?>, IQueryHandler<FindVisibleEntries, IReadOnlyList<VisibleEntry>>, IQueryHandler<ListFlaggedEntries, IReadOnlyList<Guid>>
{
    public async ValueTask<VisibleEntry?> Handle(FindVisibleEntry query, CancellationToken ct) =>
        (await Handle(new FindVisibleEntries([query.CredentialId]), ct)).SingleOrDefault();

    public async ValueTask<IReadOnlyList<VisibleEntry>> Handle(FindVisibleEntries query, CancellationToken ct)
    {
        var ids = query.CredentialIds.Distinct().ToList();
        return await db.VisibleTo(caller.Required).Where(e => ids.Contains(e.CredentialId))
            .Select(e => new VisibleEntry(e.CredentialId, e.Name, e.FolderId, e.SharingState, e.SharedTenantCount, e.OriginTenantId, e.OriginTenantName, e.Permission, e.NeedsRotation))
            .ToListAsync(ct);
    }

    public async ValueTask<IReadOnlyList<Guid>> Handle(ListFlaggedEntries query, CancellationToken ct) =>
        await db.VisibleTo(caller.Required).Where(e => e.NeedsRotation).Select(e => e.CredentialId).ToListAsync(ct);
}
