using Hangfire;
using Mediator;
using SecureShare.Modules.Sharing.Features;

namespace SecureShare.Host.Infrastructure;

/// <summary>The platform's recurring jobs, registered at start on the configured job storage.</summary>
internal static class RecurringJobs
{
    public static void Register(IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ExpireSharesJob>("shares-expire", job => job.RunAsync(CancellationToken.None), Cron.Minutely());
}

/// <summary>Ends expired shares every minute (each inside its tenants' scopes).</summary>
public sealed class ExpireSharesJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new ExpireShares.Command(), cancellationToken);
}
