using Mediator;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>
/// Large work as a background job: a command of more items than <see cref="Threshold"/> is checked (role, input) at once,
/// then run by a job worker as the same command, in one transaction, under the same caller; the request answers 202
/// with a <see cref="JobTicket"/>. Implemented by the Host on Hangfire.
/// </summary>
public interface IJobs
{
    /// <summary>Items above which a command runs as a job (Jobs:Threshold; 20,000 by default).</summary>
    int Threshold { get; }

    /// <summary>
    /// Checks the command's input and the caller for <paramref name="ability"/> (a refusal audited as the pipeline audits
    /// it), then enqueues it; <paramref name="total"/> is its item count. <paramref name="prepare"/>, when given, turns
    /// the checked command into the one the job runs (a password into its derived keys, so that the job never holds it).
    /// </summary>
    Task<JobTicket> StartAsync<TCommand>(
        TCommand command, Ability ability, int total, CancellationToken cancellationToken, Func<TCommand, CancellationToken, ValueTask<TCommand>>? prepare = null)
        where TCommand : IMessage;
}

/// <summary>A job that was started: where to follow it (<c>GET /api/v1/jobs/{id}</c>).</summary>
public sealed record JobTicket(string JobId, string Location);

/// <summary>Where a job worker's progress goes; none during a request.</summary>
public interface IProgressSink
{
    void Report(int done, int total);
}

/// <summary>
/// A command's progress, per DI scope. During a request nobody follows it (<see cref="Tracked"/> is false, reports go
/// nowhere); inside a job the runner attaches the job's sink, and a handler may then work in steps and report after each.
/// </summary>
public sealed class JobProgress
{
    /// <summary>Items a handler that works in steps takes between two progress reports in a job (a fraction of a second's work).</summary>
    public const int Step = 2_000;

    private IProgressSink? _sink;

    public bool Tracked => _sink is not null;

    public void Attach(IProgressSink sink) => _sink = sink;

    public void Report(int done, int total) => _sink?.Report(done, total);
}
