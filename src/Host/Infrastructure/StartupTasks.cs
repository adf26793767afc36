using Mediator;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Features.Demo;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Before the server takes requests: applies migrations (unless Database:MigrateOnStart is
/// false, for installations that run the migrate command), then on an empty embedded
/// database seeds the demo tenants and prints their logins once. Registers the recurring jobs.
/// </summary>
internal sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, DatabaseOptions database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Database:MigrateOnStart", true))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        RecurringJobs.Register(services);

        if (services.GetRequiredService<SecureShare.BuildingBlocks.Security.AuthOptions>().SignupEnabled)
        {
            services.GetRequiredService<Serilog.ILogger>().Warning(
                "Open signup is on: anyone who reaches this Host can create an MSP. It is the embedded demo's default; set Auth:SignupEnabled=false (or Demo:Enabled=false) for an installation people use.");
        }

        if (DemoEnabled(configuration, database))
        {
            await using var scope = services.CreateAsyncScope();
            var logins = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SeedDemo.Command(), cancellationToken);
            if (logins is not null)
            {
                if (configuration.GetValue("Demo:Content", true))
                {
                    await DemoContent.AddAsync(services, logins, cancellationToken);
                }

                DemoBanner.Print(logins);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The embedded demo: on by default with the SQLite default, off otherwise (Demo:Enabled decides).</summary>
    public static bool DemoEnabled(IConfiguration configuration, DatabaseOptions database) =>
        configuration.GetValue("Demo:Enabled", database.Provider == DatabaseProvider.Sqlite);
}
