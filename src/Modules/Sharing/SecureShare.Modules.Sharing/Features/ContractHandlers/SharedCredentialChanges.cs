using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.ContractHandlers;

/// <summary>
/// A change to a shared credential reaches every tenant it is shared into: the notification the origin
/// published is published again inside each target's scope, where that tenant's entry follows it.
/// Shares live in the origin tenant only, so inside a target the same handler finds none and stops.
/// </summary>
internal sealed class SharedCredentialChanges(ModuleDbContextFactory<SharingDbContext> contexts, ITenantStore tenants, IPublisher publisher)
    : INotificationHandler<CredentialChanged>, INotificationHandler<CredentialsNeedRotation>
{
    public ValueTask Handle(CredentialChanged notification, CancellationToken ct) =>
        ForEachTargetAsync([notification.Listing.CredentialId], _ => notification, ct);

    public ValueTask Handle(CredentialsNeedRotation notification, CancellationToken ct) =>
        ForEachTargetAsync(notification.CredentialIds, ids => new CredentialsNeedRotation(ids), ct);

    private async ValueTask ForEachTargetAsync<T>(IReadOnlyCollection<Guid> credentialIds, Func<List<Guid>, T> inTarget, CancellationToken ct)
        where T : INotification
    {
        var ids = credentialIds.ToList();
        var byTarget = (await contexts.Create().Shares.AsNoTracking().Where(s => ids.Contains(s.CredentialId))
                .Select(s => new { s.TargetTenantId, s.CredentialId }).ToListAsync(ct))
            .GroupBy(s => s.TargetTenantId, s => s.CredentialId);
        foreach (var shares in byTarget)
        {
            var target = await tenants.FindAsync(shares.Key, ct) ?? throw new TenantNotFoundException(shares.Key);
            using (TenantContext.Begin(target))
            {
                await publisher.Publish(inTarget(shares.ToList()), ct);
            }
        }
    }
}
