using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features;

/// <summary>
/// Ends every share whose expiry has passed (recorded as "expired" on both sides). Run by a recurring
/// job; each share ends in a transaction of its own, inside its tenants' scopes, so one failure does
/// not hold the others back and a re-run finishes what is left.
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
            foreach (var share in expired)
            {
                var origin = await tenants.FindAsync(share.TenantId, ct);
                var target = await tenants.FindAsync(share.TargetTenantId, ct);
                if (origin is null || target is null)
                {
                    continue;
                }

                if (await session.InTransactionAsync(() => ending.EndAsync(origin, share.CredentialId, target, "expired", ct), ct))
                {
                    ended++;
                }
            }

            return ended;
        }
    }
}
