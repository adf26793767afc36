using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A job whose host died while running it is picked up by another host once the invisibility timeout has passed (45 s
/// by default; a live host keeps renewing its jobs' fetch time), not after Hangfire.PostgreSql's default 30 minutes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JobPickupTests(PostgresApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_job_fetched_by_a_host_that_died_is_fetched_by_another_host_after_the_invisibility_timeout()
    {
        var settings = new Dictionary<string, string?> { ["Jobs:InvisibilityTimeout"] = "00:00:04", ["Jobs:QueuePollInterval"] = "00:00:01" };
        await using var dying = App.CreateFactory(settings);
        await using var surviving = App.CreateFactory(settings);
        var queue = "pickup";
        var storage = dying.Services.GetRequiredService<JobStorage>();
        var id = new BackgroundJobClient(storage).Create(Job.FromExpression(() => Console.WriteLine()), new EnqueuedState(queue));

        // The first host's worker takes the job, then its process dies: no renewal, no requeue, no acknowledgement.
        DateTime taken;
        using (var first = storage.GetConnection())
        {
            first.FetchNextJob([queue], CancellationToken.None).JobId.ShouldBe(id);
            taken = DateTime.UtcNow;
        }

        // Another host gets it, and not before the timeout has run from the first fetch (a loaded machine only makes it later).
        using var second = surviving.Services.GetRequiredService<JobStorage>().GetConnection();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var fetched = second.FetchNextJob([queue], patience.Token);
        var waited = DateTime.UtcNow - taken;
        fetched.JobId.ShouldBe(id);
        waited.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3.5), "still invisible while the timeout runs");
        waited.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }
}
