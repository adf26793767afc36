using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Folders.Features;

/// <summary>
/// A share projects the credential into the target tenant as an entry at its root (or updates the
/// terms of the entry it already has, leaving it where the target side filed it).
/// </summary>
internal sealed class ProjectSharedCredential(ModuleDbContextFactory<FoldersDbContext> contexts) : INotificationHandler<CredentialSharedIn>
{
    public async ValueTask Handle(CredentialSharedIn notification, CancellationToken ct)
    {
        var db = contexts.Create(); // notification handlers work in the ambient tenant
        var listing = notification.Listing;
        var entry = await db.Entries.Include(e => e.Tags).Include(e => e.Audience).AsSplitQuery()
            .FirstOrDefaultAsync(e => e.CredentialId == listing.CredentialId, ct);
        if (entry is null)
        {
            entry = EntryProjection.NewEntry(listing, null, "in", notification.Permission);
            db.Entries.Add(entry);
        }

        entry.Apply(listing);
        entry.Permission = notification.Permission;
        entry.AudienceEveryone = notification.Audience.Everyone;
        entry.Audience.Clear();
        entry.Audience.AddRange(notification.Audience.UserIds.Concat(notification.Audience.GroupIds).Distinct()
            .Select(id => new CredentialEntryAudience { CredentialId = listing.CredentialId, PrincipalId = id }));
        await db.SaveChangesAsync(ct);
    }
}

internal sealed class RemoveUnsharedCredential(ModuleDbContextFactory<FoldersDbContext> contexts) : INotificationHandler<CredentialUnsharedFrom>
{
    public async ValueTask Handle(CredentialUnsharedFrom notification, CancellationToken ct) =>
        await contexts.Create().Entries.Where(e => e.CredentialId == notification.CredentialId).ExecuteDeleteAsync(ct);
}

internal sealed class FollowShareCount(ModuleDbContextFactory<FoldersDbContext> contexts) : INotificationHandler<ShareCountChanged>
{
    public async ValueTask Handle(ShareCountChanged notification, CancellationToken ct) =>
        await contexts.Create().Entries.Where(e => e.CredentialId == notification.CredentialId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.SharingState, notification.TenantCount > 0 ? "out" : "none")
                    .SetProperty(e => e.SharedTenantCount, notification.TenantCount),
                ct);
}
