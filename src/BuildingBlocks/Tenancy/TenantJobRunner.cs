using Microsoft.Extensions.DependencyInjection;

namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>A background job that runs inside one tenant.</summary>
public interface ITenantJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs a tenant job: background jobs carry only the tenant id; the runner looks the tenant
/// up, begins its scope and resolves the job in a fresh DI scope inside it, so every
/// DbContext the job uses captures that tenant. A job with no valid tenant does not run.
/// </summary>
public sealed class TenantJobRunner<TJob>(IServiceScopeFactory scopes, ITenantStore tenants)
    where TJob : ITenantJob
{
    public async Task RunAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (tenantId == Guid.Empty)
        {
            throw new TenantIsolationException("A tenant job needs a tenant id.");
        }

        var tenant = await tenants.FindAsync(tenantId, cancellationToken)
            ?? throw new TenantNotFoundException(tenantId);
        using (TenantContext.Begin(tenant))
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = ActivatorUtilities.CreateInstance<TJob>(scope.ServiceProvider);
            await job.RunAsync(cancellationToken);
        }
    }
}
