using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// How a host leaves a cluster without failing a request (a rolling update, a scale-in, SIGTERM): first it answers
/// "not ready" on /health/ready while still serving for Host:DrainDelay (0 by default; a few seconds behind a balancer or
/// a Kubernetes Service, long enough for them to notice and stop sending), then Kestrel stops accepting and finishes the
/// requests in flight, and Hangfire's server cancels its workers' jobs and requeues them for another host — all within
/// Host:ShutdownTimeout (25 s by default: below Kubernetes' 30 s grace period, after which it kills).
/// </summary>
internal sealed class GracefulShutdown(IConfiguration configuration, ILogger<GracefulShutdown> log) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _stopping;

    public static IServiceCollection AddGracefulShutdown(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = configuration.GetValue("Host:ShutdownTimeout", TimeSpan.FromSeconds(25)));
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        services.AddHealthChecks().AddCheck<GracefulShutdown>("draining", tags: ["ready"]);
        return services;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Degraded("This host is shutting down.") : HealthCheckResult.Healthy()); // degraded: 503 on /health/ready, logged as a warning, not an error

    /// <summary>Runs before any service stops, Kestrel included: the host keeps serving while it reports itself not ready.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var delay = configuration.GetValue("Host:DrainDelay", TimeSpan.Zero);
        log.LogInformation("Shutting down: not ready from now on, serving for {DrainDelay} more before in-flight requests are finished", delay);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
