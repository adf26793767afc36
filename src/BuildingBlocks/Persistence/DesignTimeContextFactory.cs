using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// Base for the design-time factories in the per-provider migrations projects: builds the
/// context exactly as the app does, on a placeholder connection string of that provider.
/// </summary>
public abstract class DesignTimeContextFactory<TContext>(DatabaseProvider provider, string connectionString)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext, IModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddPersistence(new DatabaseOptions { Provider = provider, ConnectionString = connectionString })
            .AddModuleDbContext<TContext>();
        var scope = services.BuildServiceProvider().CreateScope();
        return scope.ServiceProvider.GetRequiredService<TContext>();
    }
}
