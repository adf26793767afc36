using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Tenant look-ups by id, cached: tenants are read on every job and scope. An entry lives while it is used (a minute
/// after its last use) and at most ten minutes, so a tenant in use does not cost a query at a random request (the
/// number of statements of a request does not depend on the minute it falls in). A <see cref="TenantInfo"/> holds only
/// what never changes, so the hosts of a cluster need not invalidate each other's entries (decision 0048).
/// </summary>
internal sealed class TenantStore(ModuleDbContextFactory<AccountsDbContext> contexts, IMemoryCache cache) : ITenantStore
{
    private static readonly MemoryCacheEntryOptions CacheFor = new()
    {
        SlidingExpiration = TimeSpan.FromMinutes(1),
        AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10),
    };

    public async Task<TenantInfo?> FindAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey(tenantId), out TenantInfo? cached))
        {
            return cached;
        }

        return await FindCurrentAsync(tenantId, cancellationToken);
    }

    public async Task<TenantInfo?> FindCurrentAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var db = contexts.Create();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        var info = tenant?.ToInfo();
        if (info is not null)
        {
            cache.Set(CacheKey(tenantId), info, CacheFor);
        }

        return info;
    }

    /// <summary>Drops this host's cached copy of a tenant whose state changed (other hosts' copies age out within minutes).</summary>
    public void Forget(Guid tenantId) => cache.Remove(CacheKey(tenantId));

    private static string CacheKey(Guid id) => $"tenant:{id}";
}
