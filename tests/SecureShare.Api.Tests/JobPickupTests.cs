using System.Net;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A job whose host died while running it is picked up by another host once the invisibility timeout has passed (45 s
/// by default; a live host keeps renewing its jobs' fetch time), not after Hangfire.PostgreSql's default 30 minutes. A
/// large import's job runs on any host: the file waits for it in the database, sealed.
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

    [Fact]
    public async Task An_import_kept_for_its_job_holds_nothing_of_the_file_in_clear_and_a_host_other_than_the_receiving_one_runs_it()
    {
        var family = await App.Family().BuildAsync();
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "ImportSamples", "keepass.xml"));
        await using var receiving = App.CreateFactory(new Dictionary<string, string?> { ["Jobs:Threshold"] = "2" }); // no job server
        var client = receiving.As(App, family.Admin);

        var ticket = await client.PostAsync("/api/v1/imports", ImportTests.Form("keepass.xml", sample)).ReadJsonAsync(HttpStatusCode.Accepted);

        await using (var scope = App.CreateScope())
        {
            var kept = await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().ImportParcels.IgnoreQueryFilters().Select(p => p.Data).ToListAsync();
            kept.Count.ShouldBeGreaterThanOrEqualTo(2, "the sealed key, then the spool");
            var bytes = kept.SelectMany(d => d).ToArray();
            foreach (var plain in new[] { "Edge#3", "RK-5555", "Office: XXXXX", "Edge firewall", "esxi host list", "fw.contoso.local" })
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(plain)).ShouldBe(-1, $"{plain} is not in the kept import in clear");
            }
        }

        (await family.Admin.Api.CredentialsAsync()).ShouldBeEmpty("nothing is applied before the job runs");
        await using var worker = App.CreateJobsHost(threshold: 2);
        var job = await worker.As(App, family.Admin).EndedJobAsync(ticket.GetProperty("jobId").GetString()!);
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        (await family.Admin.Api.CredentialsAsync()).Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(["Edge firewall", "Hypervisor", "Licence keys"]);
    }
}
