using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
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
        // Every 2 s: a bulk action or an offboarding a person waits for starts at once, for one cheap query per server.
        var pollInterval = configuration.GetValue("Jobs:QueuePollInterval", TimeSpan.FromSeconds(2));
        var invisibility = configuration.GetValue("Jobs:InvisibilityTimeout", TimeSpan.FromSeconds(45));

        // This host's own storage and job activator. Hangfire would otherwise hand out the process-wide
        // JobStorage.Current and JobActivator.Current, which whichever host was built last sets: with several
        // hosts in one process (the tests), a job could be stored in, or run by, another host's database.
        services.AddSingleton(_ => CreateStorage(database, pollInterval, invisibility));
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            services.AddSingleton<ISchemaInstaller>(new JobStoreSchema(database.Provider));
        }

        services.AddScoped<IJobs, Jobs.CommandJobs>();
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

    /// <summary>
    /// A job a worker has fetched stays invisible to other workers while its host lives: the worker's host renews the
    /// job's fetch time every fifth of <paramref name="invisibility"/> (a sliding invisibility timeout). When the host
    /// dies the renewals stop, and another host fetches the job once <paramref name="invisibility"/> (45 s) has passed
    /// and its next poll comes (2 s): within a minute, not Hangfire.PostgreSql's default 30 minutes.
    /// </summary>
    private static JobStorage CreateStorage(DatabaseOptions database, TimeSpan pollInterval, TimeSpan invisibility)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var options = new PostgreSqlStorageOptions
                {
                    SchemaName = JobStoreSchema.Name, QueuePollInterval = pollInterval, PrepareSchemaIfNecessary = false,
                    InvisibilityTimeout = invisibility, UseSlidingInvisibilityTimeout = true,
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
            case DatabaseProvider.SqlServer:
                return new Hangfire.SqlServer.SqlServerStorage(
                    database.ConnectionString,
                    new Hangfire.SqlServer.SqlServerStorageOptions
                    {
                        SchemaName = JobStoreSchema.Name, QueuePollInterval = pollInterval, PrepareSchemaIfNecessary = false, SlidingInvisibilityTimeout = invisibility,
                    });
            default:
                return new Hangfire.InMemory.InMemoryStorage();
        }
    }

    /// <summary>
    /// The dashboard spans every tenant, so it is off unless Jobs:Dashboard:Enabled, and then only for a
    /// signed-in platform operator: a web UI session whose user id is listed in Jobs:Dashboard:Operators (an id,
    /// not an email: any tenant's Admin could create an unused or mistyped address; and never "any request from
    /// this machine": behind a reverse proxy on the same machine every request is one). It is read-only: no
    /// retrying, deleting or triggering of jobs from it.
    /// </summary>
    public static void MapSecureShareJobsDashboard(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Jobs:Dashboard:Enabled", false))
        {
            return;
        }

        var operators = (app.Configuration.GetSection("Jobs:Dashboard:Operators").Get<string[]>() ?? [])
            .Select(id => Guid.TryParse(id, out var user) ? user : throw new InvalidOperationException($"Jobs:Dashboard:Operators lists user ids; '{id}' is not one."))
            .ToHashSet();
        if (operators.Count == 0)
        {
            app.Services.GetRequiredService<Serilog.ILogger>().Warning("Jobs:Dashboard:Enabled is set but Jobs:Dashboard:Operators lists nobody: the dashboard admits no one.");
        }

        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new OperatorOnlyFilter(operators)],
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
        }).AllowAnonymous(); // the filter decides, so an anonymous request gets the same refusal as a tenant's user
    }

    private sealed class OperatorOnlyFilter(HashSet<Guid> operators) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().Features.Get<SessionPrincipal>() is { Limit: SessionLimit.None } caller && operators.Contains(caller.UserId);
    }
}

/// <summary>Enqueues tenant jobs: the job record holds the tenant id and the job type, nothing else.</summary>
public static class TenantJobs
{
    public static string EnqueueForTenant<TJob>(this IBackgroundJobClient jobs, Guid tenantId)
        where TJob : ITenantJob =>
        jobs.Enqueue<TenantJobRunner<TJob>>(runner => runner.RunAsync(tenantId, CancellationToken.None));
}
