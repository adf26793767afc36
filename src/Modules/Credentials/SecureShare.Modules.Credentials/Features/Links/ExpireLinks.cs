using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// Deletes the ciphertext of every link share past its expiry, recorded as "expired" in its tenant's
/// log, and the files of links that can no longer serve them (<see cref="LinkFiles"/>). Run by a recurring job, one
/// transaction per tenant; until it runs, an expired link answers 410 anyway.
/// </summary>
public static class ExpireLinks
{
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, ITenantStore tenants, TimeProvider clock, IAuditTrail audit,
        LinkFiles files)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();

            // Deliberate bypass: expiry spans every tenant; it reads tenant ids and clears each tenant's links inside it.
            var tenantIds = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(l => l.ExpiresAt <= now && l.Ciphertext != null)
                .Select(l => l.TenantId).Distinct().ToListAsync(ct);

            var expired = 0;
            foreach (var tenantId in tenantIds)
            {
                if (await tenants.FindAsync(tenantId, ct) is not { } tenant)
                {
                    continue;
                }

                using (TenantContext.Begin(tenant))
                {
                    expired += await session.InTransactionAsync(
                        () => LinkEndings.EndAsync(contexts.Create().Links.Where(l => l.ExpiresAt <= now && l.Ciphertext != null), LinkAuditEvents.Expired, null, audit, ct),
                        ct);
                }
            }

            // Deliberate bypass, as above: the tenants holding files of links that can no longer serve them.
            var holding = await db.LinkFiles.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(f => db.Links.Where(LinkFiles.CannotServeFiles(now)).Any(l => l.Id == f.LinkId))
                .Select(f => f.TenantId).Distinct().ToListAsync(ct);
            foreach (var tenantId in holding)
            {
                if (await tenants.FindAsync(tenantId, ct) is { } tenant)
                {
                    using (TenantContext.Begin(tenant))
                    {
                        var tenantDb = contexts.Create();
                        await session.InTransactionAsync(() => files.PurgeEndedAsync(tenantDb, ct), ct);
                    }
                }
            }

            return expired;
        }
    }
}
