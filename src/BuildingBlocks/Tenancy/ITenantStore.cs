namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>Looks tenants up by id. Implemented by the Accounts module, which owns tenants.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

public sealed class TenantNotFoundException(Guid tenantId)
    : InvalidOperationException($"Tenant {tenantId} does not exist.");
