using System.Reflection;
using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using SecureShare.BuildingBlocks;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Host.Infrastructure;
using Serilog;
using Serilog.Events;

namespace SecureShare.Host;

/// <summary>The composition root: every module, the web pipeline, jobs and start-up work.</summary>
public static class SecureShareApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Choose(args) });
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration, builder.Environment);
        var database = DatabaseSettings.Load(configuration, dataDirectory);

        // Serilog writes the console; any ILoggerProvider registered in DI (none by default) gets the same events.
        builder.Logging.ClearProviders();
        builder.Host.UseSerilog(
            (context, logger) => logger
                .ReadFrom.Configuration(context.Configuration)
                // ASP.NET Core's own request lines carry the query string; Serilog's request log replaces them.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.With<TokenPathEnricher>()
                .WriteTo.Console(),
            preserveStaticLogger: true,
            writeToProviders: true);

        builder.Services.AddBuildingBlocks(database);
        builder.Services.AddSingleton(new DataFolder(dataDirectory));
        builder.Services.AddSingleton(MasterKeySetup.Load(configuration, dataDirectory, database.Provider));
        builder.Services.AddSingleton(AuditSigningKeySetup.Load(configuration, dataDirectory));
        builder.Services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(AuditBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
            ];
        });

        var modules = DiscoverModules();
        foreach (var module in modules)
        {
            module.AddServices(builder.Services, configuration);
        }

        builder.Services.AddSingleton(sp => new RefusalThrottle(sp.GetRequiredService<IRateCounter>(), configuration.GetValue("Audit:RefusalsPerUserPerMinute", 30)));
        // First of the hosted services: the migration (and the job store's schema, and the first cookie key) comes before
        // Data Protection reads its key ring and before Hangfire's server polls its tables.
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddSecureShareAuth(configuration, dataDirectory, StartupTasks.DemoEnabled(configuration, database));
        builder.Services.AddSecureShareUi(dataDirectory, database.Provider);
        builder.Services.AddSecureShareJobs(configuration, database);
        builder.Services.AddEmail(configuration, dataDirectory);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        PublicAddress.Configured(configuration);
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new TextWithoutNul());
            o.SerializerOptions.Converters.Add(new UtcInstants());
            o.SerializerOptions.AllowDuplicateProperties = false; // {"name":"a","name":"b"} is ambiguous: a 400, not the last one silently
        });
        builder.Services.AddSecureShareOpenApi();
        // Ready: this host takes traffic (it is not draining). The database is checked apart: a database failover must
        // not take every host out of the balancer at once, whose requests wait for the new leader instead (decision 0049).
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["database"]);
        GracefulShutdown.AddGracefulShutdown(builder.Services, configuration);

        var app = builder.Build();
        app.UseTrustedProxies();
        // Request logging sees the final status; it logs method, path (no query string) and status only:
        // never bodies, headers or tokens.
        app.UseSerilogRequestLogging(o =>
        {
            // This host's own logger, never the process-wide static one (test hosts share a process).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0} ms with {SqlCommands} SQL commands (+{SqlUpkeep} upkeep)";
            // A probe's 503 is an answer (not ready: draining, or the database away), not a failure of this host.
            o.GetLevel = (http, _, failure) => failure is not null || (http.Response.StatusCode >= 500 && !http.Request.Path.StartsWithSegments("/health"))
                ? LogEventLevel.Error
                : http.Response.StatusCode >= 500 ? LogEventLevel.Warning : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                var commands = http.RequestServices.GetRequiredService<DbSession>().Commands;
                diagnostics.Set("SqlCommands", commands.Count);
                diagnostics.Set("SqlUpkeep", commands.Upkeep);
            };
        });
        app.UseExceptionHandler();
        app.UseHsts(); // on HTTPS only (and never for localhost): browsers then refuse plain HTTP to this host for a year
        app.UseStatusCodePages();
        app.UseUiSecurityHeaders();
        app.UseStaticFiles();
        app.UseSecureShareSso();
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseSessionLimitGate();
        app.UseAddressLimits(configuration);
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("SecureShare API").AddPreferredSecuritySchemes("Bearer")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
        }).AllowAnonymous();
        app.MapHealthChecks("/health/database", new HealthCheckOptions { Predicate = c => c.Tags.Contains("database") }).AllowAnonymous();
        app.MapSecureShareJobsDashboard();

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter((context, next) => context.HttpContext.Request.Query.Any(q => q.Value.Any(TextWithoutNul.Holds))
            ? throw ValidationFailedException.For("query", "A query value holds a NUL character.")
            : next(context));
        foreach (var module in modules)
        {
            module.MapEndpoints(api);
        }

        Jobs.GetJob.Map(api);

        app.MapSecureShareUi();
        app.MapSecureShareSso();
        return app;
    }

    /// <summary>Every IModule in the SecureShare.Modules.* assemblies beside the Host.</summary>
    private static List<IModule> DiscoverModules() =>
        Directory.GetFiles(AppContext.BaseDirectory, "SecureShare.Modules.*.dll")
            .Where(f => !f.EndsWith(".Contracts.dll", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)))
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(IModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IModule)Activator.CreateInstance(t)!)
            .ToList();
}
