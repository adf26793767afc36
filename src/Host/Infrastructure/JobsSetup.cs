using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Host.Infrastructure;

internal static class JobsSetup
{
    /// <summary>
    /// Hangfire on the configured database (in memory with the embedded SQLite default, which
    /// Hangfire cannot store on). Jobs carry a tenant id only and run through TenantJobRunner.
    /// </summary>
    public static IServiceCollection AddSecureShareJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var pollInterval = configuration.GetValue("Jobs:QueuePollInterval", TimeSpan.FromSeconds(15));

        // This host's own storage and job activator. Hangfire would otherwise hand out the process-wide
        // JobStorage.Current and JobActivator.Current, which whichever host was built last sets: with several
        // hosts in one process (the tests), a job could be stored in, or run by, another host's database.
        services.AddSingleton(_ => CreateStorage(database, pollInterval));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        if (configuration.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer(o => o.WorkerCount = configuration.GetValue("Jobs:Workers", 2));
        }

        return services;
    }

    private static JobStorage CreateStorage(DatabaseOptions database, TimeSpan pollInterval)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = pollInterval };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
            case DatabaseProvider.SqlServer:
                return new Hangfire.SqlServer.SqlServerStorage(
                    database.ConnectionString, new Hangfire.SqlServer.SqlServerStorageOptions { SchemaName = "hangfire", QueuePollInterval = pollInterval });
            default:
                return new Hangfire.InMemory.InMemoryStorage();
        }
    }

    /// <summary>
    /// The dashboard spans every tenant, so it is for platform operators only: requests from
    /// this machine (or an address listed in Jobs:DashboardAllowedIps), never a tenant's user.
    /// </summary>
    public static void MapSecureShareJobsDashboard(this WebApplication app)
    {
        var allowed = (app.Configuration.GetSection("Jobs:DashboardAllowedIps").Get<string[]>() ?? [])
            .Select(IPAddress.Parse).ToHashSet();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new OperatorOnlyFilter(allowed)],
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
    }

    private sealed class OperatorOnlyFilter(HashSet<IPAddress> allowed) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var remote = context.GetHttpContext().Connection.RemoteIpAddress;
            return remote is not null && (IPAddress.IsLoopback(remote) || allowed.Contains(remote));
        }
    }
}

/// <summary>Enqueues tenant jobs: the job record holds the tenant id and the job type, nothing else.</summary>
public static class TenantJobs
{
    public static string EnqueueForTenant<TJob>(this IBackgroundJobClient jobs, Guid tenantId)
        where TJob : ITenantJob =>
        jobs.Enqueue<TenantJobRunner<TJob>>(runner => runner.RunAsync(tenantId, CancellationToken.None));
}
