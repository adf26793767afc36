namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>Looks tenants up by id. Implemented by the Accounts module, which owns tenants.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same, read from the database now (no host's cached copy): for decisions that must see a state just changed on
    /// another host, such as whether a client was offboarded.
    /// </summary>
    Task<TenantInfo?> FindCurrentAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

public sealed class TenantNotFoundException(Guid tenantId)
    : InvalidOperationException($"Tenant {tenantId} does not exist.");
