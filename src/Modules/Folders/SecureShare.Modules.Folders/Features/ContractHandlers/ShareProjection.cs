using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

/// <summary>
/// Shares project credentials into the target tenant as entries at its root; changed terms update the
/// entries where the target side filed them; an ended share removes them. Set-based: a constant number
/// of statements however many credentials. Notification handlers work in the ambient tenant.
/// </summary>
internal sealed class ShareProjection(ModuleDbContextFactory<FoldersDbContext> contexts)
    : INotificationHandler<CredentialsSharedIn>,
        INotificationHandler<ShareTermsChanged>,
        INotificationHandler<CredentialsUnsharedFrom>,
        INotificationHandler<ShareCountsChanged>,
        INotificationHandler<CredentialsNeedRotation>
{
    public async ValueTask Handle(CredentialsSharedIn notification, CancellationToken ct)
    {
        var db = contexts.Create();
        var folderId = notification.FolderId is { } chosen && await db.Folders.AnyAsync(f => f.Id == chosen, ct) ? chosen : (Guid?)null; // a deleted one: the top
        var entries = notification.Listings.Select(listing =>
        {
            var entry = EntryProjection.NewEntry(listing, folderId, SharingState.In, EffectivePermission.Granted(notification.Permission));
            entry.AudienceEveryone = notification.Audience.Everyone;
            return entry;
        }).ToList();
        await db.InsertManyAsync(entries, ct);
        await db.InsertManyAsync(entries.SelectMany(e => e.Tags).ToList(), ct);
        await db.InsertManyAsync(AudienceRows(entries.Select(e => e.CredentialId), notification.Audience), ct);
    }

    public async ValueTask Handle(ShareTermsChanged notification, CancellationToken ct)
    {
        var db = contexts.Create();
        var ids = notification.CredentialIds.ToList();
        var granted = EffectivePermission.Granted(notification.Permission);
        await db.Entries.Where(e => ids.Contains(e.CredentialId)).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.Permission, granted).SetProperty(e => e.AudienceEveryone, notification.Audience.Everyone), ct);
        await db.Set<CredentialEntryAudience>().Where(a => ids.Contains(a.CredentialId)).ExecuteDeleteAsync(ct);
        await db.InsertManyAsync(AudienceRows(ids, notification.Audience), ct);
    }

    public async ValueTask Handle(CredentialsUnsharedFrom notification, CancellationToken ct)
    {
        var ids = notification.CredentialIds.ToList();
        await contexts.Create().Entries.Where(e => ids.Contains(e.CredentialId)).ExecuteDeleteAsync(ct);
    }

    public async ValueTask Handle(ShareCountsChanged notification, CancellationToken ct)
    {
        var ids = notification.CredentialIds.ToList();
        var delta = notification.Delta;
        await contexts.Create().Entries.Where(e => ids.Contains(e.CredentialId)).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.SharedTenantCount, e => e.SharedTenantCount + delta)
                .SetProperty(e => e.SharingState, e => e.SharedTenantCount + delta > 0 ? SharingState.Out : SharingState.None),
            ct);
    }

    public async ValueTask Handle(CredentialsNeedRotation notification, CancellationToken ct)
    {
        var ids = notification.CredentialIds.ToList();
        await contexts.Create().Entries.Where(e => ids.Contains(e.CredentialId)).ExecuteUpdateAsync(s => s.SetProperty(e => e.NeedsRotation, true), ct);
    }

    private static List<CredentialEntryAudience> AudienceRows(IEnumerable<Guid> credentialIds, ShareAudience audience) =>
        credentialIds.SelectMany(id => audience.Principals.Select(p => new CredentialEntryAudience { CredentialId = id, PrincipalId = p })).ToList();
}
