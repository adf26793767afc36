using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Folders.Services;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

/// <summary>Keeps each tenant's credential entries (placement and listing fields) in step with the credentials.</summary>
internal static class EntryProjection
{
    public static void Apply(this CredentialEntry entry, CredentialListing listing)
    {
        entry.Kind = listing.Kind;
        entry.Name = listing.Name;
        entry.Username = listing.Username;
        entry.Url = listing.Url;
        entry.SearchText = string.Join('\n', new[] { listing.Name, listing.Username, listing.Url }.Where(s => !string.IsNullOrEmpty(s))).ToUpperInvariant();
        entry.SortKey = SortKey(listing.Name, listing.CredentialId);
        entry.NeedsRotation = listing.NeedsRotation;
        entry.UpdatedAt = listing.UpdatedAt;
        entry.OriginTenantName = listing.OriginTenantName;
        entry.TagList = string.Join('\n', listing.Tags);
        entry.Tags.Clear();
        entry.Tags.AddRange(listing.Tags.Select(t => new CredentialEntryTag { CredentialId = listing.CredentialId, Tag = t, NormalizedTag = t.ToUpperInvariant() }));
    }

    /// <summary>A new entry of the ambient tenant for this credential.</summary>
    public static CredentialEntry NewEntry(CredentialListing listing, Guid? folderId, SharingState sharingState, EntryPermission permission)
    {
        var entry = new CredentialEntry
        {
            CredentialId = listing.CredentialId,
            FolderId = folderId,
            Name = listing.Name,
            SearchText = string.Empty,
            SortKey = string.Empty,
            OriginTenantId = listing.OriginTenantId,
            OriginTenantName = listing.OriginTenantName,
            SharingState = sharingState,
            Permission = permission,
            TagList = string.Empty,
        };
        entry.Apply(listing);
        return entry;
    }

    /// <summary>Upper-cased name (first 200 characters), a separator below every printable character, and the id.</summary>
    public static string SortKey(string name, Guid id) => $"{name.ToUpperInvariant()}\u0001{id:N}";
}

internal sealed class PlaceNewCredential(ModuleDbContextFactory<FoldersDbContext> contexts, ICurrentUser caller, IPublisher publisher) : INotificationHandler<CredentialCreated>
{
    public async ValueTask Handle(CredentialCreated notification, CancellationToken ct)
    {
        var db = contexts.Create(); // notification handlers work in the ambient tenant
        if (notification.FolderId is { } folderId && !await db.FolderVisibleTo(caller.Required, folderId, ct))
        {
            throw new NotFoundException("Folder");
        }

        var entry = EntryProjection.NewEntry(notification.Listing, notification.FolderId, SharingState.None, EntryPermission.Owner);
        db.Entries.Add(entry);
        await db.SaveChangesAsync(ct);
        if (notification.FolderId is not null)
        {
            await publisher.Publish(new PlacementsChanged([entry.CredentialId], New: true), ct); // a folder's share rules take it
        }
    }
}

internal sealed class PlaceImportedCredentials(ModuleDbContextFactory<FoldersDbContext> contexts, ICurrentUser caller, IPublisher publisher) : INotificationHandler<CredentialsImported>
{
    public async ValueTask Handle(CredentialsImported notification, CancellationToken ct)
    {
        var db = contexts.Create(); // notification handlers work in the ambient tenant
        if (!await db.FoldersVisibleTo(caller.Required, [.. notification.Credentials.Select(c => c.FolderId).OfType<Guid>().Distinct()], ct))
        {
            throw new NotFoundException("Folder");
        }

        var entries = notification.Credentials.Select(c => EntryProjection.NewEntry(c.Listing, c.FolderId, SharingState.None, EntryPermission.Owner)).ToList();
        await db.InsertManyAsync(entries, ct);
        await db.InsertManyAsync(entries.SelectMany(e => e.Tags).ToList(), ct);
        var filed = notification.Credentials.Where(c => c.FolderId is not null).Select(c => c.Listing.CredentialId).ToList();
        if (filed.Count > 0)
        {
            await publisher.Publish(new PlacementsChanged(filed, New: true), ct);
        }
    }
}

internal sealed class FollowCredentialChange(ModuleDbContextFactory<FoldersDbContext> contexts) : INotificationHandler<CredentialChanged>
{
    public async ValueTask Handle(CredentialChanged notification, CancellationToken ct)
    {
        var db = contexts.Create(); // notification handlers work in the ambient tenant
        var entry = await db.Entries.Include(e => e.Tags).FirstOrDefaultAsync(e => e.CredentialId == notification.Listing.CredentialId, ct);
        if (entry is null)
        {
            return;
        }

        entry.Apply(notification.Listing);
        await db.SaveChangesAsync(ct);
    }
}

internal sealed class RemoveDeletedCredential(ModuleDbContextFactory<FoldersDbContext> contexts) : INotificationHandler<CredentialDeleted>
{
    public async ValueTask Handle(CredentialDeleted notification, CancellationToken ct) =>
        await contexts.Create().Entries.Where(e => e.CredentialId == notification.CredentialId).ExecuteDeleteAsync(ct);
}
