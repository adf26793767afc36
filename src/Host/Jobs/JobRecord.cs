using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.Storage;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Host.Jobs;

/// <summary>Where a job is: waiting for a worker, running, or ended one way or the other.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>Why a job ended without its result: the problem a request would have answered.</summary>
public sealed record JobProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>How far a run has come, as last reported (every <see cref="JobRecord.Beat"/> while it runs).</summary>
public sealed record JobProgressNote(int Done, int Total, DateTimeOffset StartedAt, DateTimeOffset ReportedAt);

/// <summary>How a job ended.</summary>
public sealed record JobEnd(JobState State, DateTimeOffset FinishedAt, JsonElement? Result, JobProblem? Problem);

/// <summary>
/// A running job's record in the job store, outside the command's transaction, so that it is seen while the work is
/// still uncommitted: the progress a handler reports (its last count, written by a heartbeat every
/// <see cref="Beat"/>, whether or not the count moved, so a follower sees a live job even during one long statement),
/// and at the end the result or the problem. A run that starts again after its host died counts again from nothing.
/// </summary>
internal sealed class JobRecord : IProgressSink, IAsyncDisposable
{
    public const string ProgressParameter = "progress";

    public const string EndParameter = "end";

    public static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(400);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly JobStorage _storage;
    private readonly string _jobId;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _startedAt;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private int _done;
    private int _total;

    private JobRecord(JobStorage storage, string jobId, int total, TimeProvider clock)
    {
        (_storage, _jobId, _total, _clock) = (storage, jobId, total, clock);
        using (var connection = storage.GetConnection())
        {
            _startedAt = ProgressOf(connection, jobId)?.StartedAt ?? clock.GetUtcNow(); // a run again after its host died keeps the first start
        }

        Write();
        _heartbeat = BeatAsync();
    }

    public static JobRecord Begin(JobStorage storage, string jobId, int total, TimeProvider clock) => new(storage, jobId, total, clock);

    public void Report(int done, int total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _done, done);
    }

    public async Task EndAsync(JobState state, JsonElement? result, JobProblem? problem)
    {
        await StopAsync();
        if (state == JobState.Succeeded)
        {
            Volatile.Write(ref _done, Volatile.Read(ref _total));
        }

        Write();
        using var connection = _storage.GetConnection();
        connection.SetJobParameter(_jobId, EndParameter, JsonSerializer.Serialize(new JobEnd(state, _clock.GetUtcNow(), result, problem), Json));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    public static JobProgressNote? ProgressOf(IStorageConnection connection, string jobId) =>
        connection.GetJobParameter(jobId, ProgressParameter) is { } text ? JsonSerializer.Deserialize<JobProgressNote>(text, Json) : null;

    public static JobEnd? EndOf(IStorageConnection connection, string jobId) =>
        connection.GetJobParameter(jobId, EndParameter) is { } text ? JsonSerializer.Deserialize<JobEnd>(text, Json) : null;

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _heartbeat;
        }
    }

    private async Task BeatAsync()
    {
        using var timer = new PeriodicTimer(Beat, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    Write();
                }
                catch (Exception missed) when (missed is not OperationCanceledException)
                {
                    // A beat the job store missed (a moment's outage): the next one writes the count again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private void Write()
    {
        var note = new JobProgressNote(Volatile.Read(ref _done), Volatile.Read(ref _total), _startedAt, _clock.GetUtcNow());
        using var connection = _storage.GetConnection();
        connection.SetJobParameter(_jobId, ProgressParameter, JsonSerializer.Serialize(note, Json));
    }
}
