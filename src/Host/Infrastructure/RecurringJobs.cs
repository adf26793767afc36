using Hangfire;
using Mediator;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Modules.Audit.Features.Forwarding;
using SecureShare.Modules.Audit.Features.Retention;
using SecureShare.Modules.Credentials.Features.Attachments;
using SecureShare.Modules.Credentials.Features.Links;
using SecureShare.Modules.Sharing.Features.Shares;

namespace SecureShare.Host.Infrastructure;

/// <summary>The platform's recurring jobs, registered at start on the configured job storage.</summary>
internal static class RecurringJobs
{
    public static void Register(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<ExpireSharesJob>("shares-expire", job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ExpireLinksJob>("links-expire", job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<PurgeFilesJob>("files-purge", job => job.RunAsync(CancellationToken.None), "*/15 * * * *");
        jobs.AddOrUpdate<SealAuditLogJob>("audit-seal", job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ForwardAuditLogJob>("audit-forward", job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ApplyAuditRetentionJob>("audit-retention", job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
    }
}

/// <summary>Links every tenant's new audit events into its hash chain and signs the heads, every minute.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class SealAuditLogJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new SealAuditLog.Command(), cancellationToken);
}

/// <summary>Ends expired shares every minute (each inside its tenants' scopes).</summary>
public sealed class ExpireSharesJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new ExpireShares.Command(), cancellationToken);
}

/// <summary>Deletes the ciphertext of expired link shares every minute (each tenant in a transaction of its own).</summary>
public sealed class ExpireLinksJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new ExpireLinks.Command(), cancellationToken);
}

/// <summary>Purges the bytes of deleted files and dead uploads that a stopped process left, every 15 minutes.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class PurgeFilesJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new PurgeFiles.Command(), cancellationToken);
}

/// <summary>Sends newly linked audit events to the configured syslog server every minute (nothing while none is configured).</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class ForwardAuditLogJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new ForwardAuditLog.Command(), cancellationToken);
}

/// <summary>Removes audit events past each tenant's retention, daily at 03:00 UTC, keeping every chain verifiable.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 3600)]
public sealed class ApplyAuditRetentionJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new ApplyAuditRetention.Command(), cancellationToken);
}
