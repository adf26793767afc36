using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.BuildingBlocks;

public static class BuildingBlocksServiceCollectionExtensions
{
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped(typeof(TenantJobRunner<>));
        services.TryAddScoped<JobCaller>();
        services.TryAddScoped<JobProgress>();
        services.TryAddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddPersistence(database);
        services.TryAddSingleton<DatabaseMigrator>();
        return services;
    }
}
