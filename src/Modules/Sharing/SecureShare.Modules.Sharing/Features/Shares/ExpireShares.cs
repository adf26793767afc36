using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>
/// Ends every share whose expiry has passed (recorded as "expired" on both sides). Run by a recurring
/// job; the expired shares between two tenants end together in a transaction of their own, inside
/// those tenants' scopes, so one failure does not hold the others back and a re-run finishes what is left.
/// </summary>
public static class ExpireShares
{
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        SharingDbContext db, DbSession session, ITenantStore tenants, ShareEnding ending, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();

            // Deliberate bypass: expiry spans every tenant; it reads ids and ends each share inside its own tenants.
            var expired = await db.Shares.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.ExpiresAt != null && s.ExpiresAt <= now)
                .Select(s => new { s.TenantId, s.CredentialId, s.TargetTenantId })
                .ToListAsync(ct);

            var ended = 0;
            foreach (var pair in expired.GroupBy(s => (s.TenantId, s.TargetTenantId), s => s.CredentialId))
            {
                var origin = await tenants.FindAsync(pair.Key.TenantId, ct);
                var target = await tenants.FindAsync(pair.Key.TargetTenantId, ct);
                if (origin is null || target is null)
                {
                    continue;
                }

                ended += (await session.InTransactionAsync(() => ending.EndAsync(origin, target, pair.ToList(), ShareEnd.Expired, ct, expiredBy: now), ct)).CredentialIds.Count;
            }

            return ended;
        }
    }
}
