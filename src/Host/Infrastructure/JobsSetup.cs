using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
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
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = pollInterval });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(
                        database.ConnectionString,
                        new Hangfire.SqlServer.SqlServerStorageOptions { SchemaName = "hangfire", QueuePollInterval = pollInterval });
                    break;
                default:
                    config.UseInMemoryStorage();
                    break;
            }
        });
        if (configuration.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer(o => o.WorkerCount = configuration.GetValue("Jobs:Workers", 2));
        }

        return services;
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
