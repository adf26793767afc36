using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Host.Jobs;

/// <summary>
/// <c>GET /api/v1/jobs/{id}</c>: a started job's state, its count of items done out of its total, when it started, and
/// once it ended its result (the command's own answer, per item) or its problem. Only the user who started it and the
/// Admins of its tenant see it; any other id, another tenant's included, is a 404 alike.
/// </summary>
public static partial class GetJob
{
    public sealed record JobDto(
        string Id, string Kind, JobState State, int Done, int Total, DateTimeOffset? StartedAt, DateTimeOffset? ReportedAt, DateTimeOffset? FinishedAt, JsonElement? Result, JobProblem? Problem);

    [GeneratedRegex("^[0-9A-Za-z-]{1,40}$")]
    private static partial Regex JobIdShape();

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/jobs/{id}", (string id, JobStorage storage, ICurrentUser caller) => TypedResults.Ok(Find(id, storage, caller.Required)))
            .WithSummary("A job's progress (done of total) and, once it ended, its per-item result or its problem: for its starter and its tenant's Admins.");

    /// <summary>The job as <paramref name="me"/> may see it (the API and the UI's job page alike); a 404 otherwise.</summary>
    internal static JobDto Find(string id, JobStorage storage, SessionPrincipal me)
    {
        using var connection = storage.GetConnection();
        var data = JobIdShape().IsMatch(id) ? Read(connection, id) : null;
        if (data?.Job?.Args is not [JobOrder order, ..] || order.TenantId != me.Tenant.Id || (order.UserId != me.UserId && !me.IsAdmin))
        {
            throw new NotFoundException("The job");
        }

        var progress = JobRecord.ProgressOf(connection, id);
        var end = JobRecord.EndOf(connection, id);
        var state = end?.State ?? (data.State == ProcessingState.StateName ? (progress is null ? JobState.Queued : JobState.Running)
            : data.State == FailedState.StateName || data.State == DeletedState.StateName ? JobState.Failed
            : JobState.Queued); // enqueued, or scheduled for another try
        var problem = end?.Problem ?? (state == JobState.Failed ? new JobProblem(500, "Job failed", "The job failed unexpectedly; nothing of it was applied.") : null);
        var kind = Type.GetType(order.CommandType, throwOnError: false) is { } type ? type.DeclaringType?.Name ?? type.Name : "job";
        return new JobDto(id, kind, state, progress?.Done ?? 0, progress?.Total ?? order.Total, progress?.StartedAt, progress?.ReportedAt, end?.FinishedAt, end?.Result, problem);
    }

    /// <summary>The job store's data of <paramref name="id"/>, or null when no job has that id (a number the store cannot parse included).</summary>
    private static JobData? Read(IStorageConnection connection, string id)
    {
        try
        {
            return connection.GetJobData(id);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }
}
