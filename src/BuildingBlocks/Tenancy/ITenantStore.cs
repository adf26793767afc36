namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>Looks tenants up by id. Implemented by the Accounts module, which owns tenants.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

/// <summary>Begins a tenant scope from a tenant id (jobs carry ids only).</summary>
public sealed class TenantScopeFactory(ITenantStore store)
{
    public async Task<IDisposable> BeginAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await store.FindAsync(tenantId, cancellationToken)
            ?? throw new TenantNotFoundException(tenantId);
        return TenantContext.Begin(tenant);
    }
}

public sealed class TenantNotFoundException(Guid tenantId)
    : InvalidOperationException($"Tenant {tenantId} does not exist.");
