using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

/// <summary>Moves a credential's entries to its new owner: the new owner's entry becomes its own, the old owner's goes or becomes a share's.</summary>
internal sealed class HandOverEntriesHandler(ModuleDbContextFactory<FoldersDbContext> contexts) : ICommandHandler<HandOverEntries, bool>
{
    public async ValueTask<bool> Handle(HandOverEntries command, CancellationToken ct)
    {
        var id = command.CredentialId;
        var db = contexts.Create(); // the ambient (old owner's) tenant
        var (owner, keep) = (command.NewOwner, command.KeepShare);
        var mine = await db.Entries.Include(e => e.Tags).AsNoTracking().FirstOrDefaultAsync(e => e.CredentialId == id, ct) ?? throw new NotFoundException("Credential");
        if (keep)
        {
            await db.Entries.Where(e => e.CredentialId == id).ExecuteUpdateAsync(
                s => s.SetProperty(e => e.OriginTenantId, owner.Id).SetProperty(e => e.OriginTenantName, owner.Name)
                    .SetProperty(e => e.Permission, EntryPermission.Edit).SetProperty(e => e.SharingState, SharingState.In)
                    .SetProperty(e => e.SharedTenantCount, 0).SetProperty(e => e.AudienceEveryone, true),
                ct);
        }
        else
        {
            await db.Entries.Where(e => e.CredentialId == id).ExecuteDeleteAsync(ct);
        }

        using (TenantContext.Begin(owner))
        {
            var theirs = contexts.Create();
            var (state, count) = keep ? (SharingState.Out, 1) : (SharingState.None, 0);
            await theirs.Set<CredentialEntryAudience>().Where(a => a.CredentialId == id).ExecuteDeleteAsync(ct);
            var updated = await theirs.Entries.Where(e => e.CredentialId == id).ExecuteUpdateAsync(
                s => s.SetProperty(e => e.OriginTenantId, owner.Id).SetProperty(e => e.OriginTenantName, owner.Name)
                    .SetProperty(e => e.Permission, EntryPermission.Owner).SetProperty(e => e.SharingState, state)
                    .SetProperty(e => e.SharedTenantCount, count).SetProperty(e => e.AudienceEveryone, true),
                ct);
            if (updated == 0)
            {
                theirs.Entries.Add(new CredentialEntry
                {
                    CredentialId = id,
                    Kind = mine.Kind,
                    Name = mine.Name,
                    SearchText = mine.SearchText,
                    SortKey = mine.SortKey,
                    Username = mine.Username,
                    Url = mine.Url,
                    OriginTenantId = owner.Id,
                    OriginTenantName = owner.Name,
                    SharingState = state,
                    SharedTenantCount = count,
                    Permission = EntryPermission.Owner,
                    NeedsRotation = mine.NeedsRotation,
                    UpdatedAt = mine.UpdatedAt,
                    TagList = mine.TagList,
                    Tags = [.. mine.Tags.Select(t => new CredentialEntryTag { CredentialId = id, Tag = t.Tag, NormalizedTag = t.NormalizedTag })],
                });
                await theirs.SaveChangesAsync(ct);
            }
        }

        return keep;
    }
}
