using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Features.Attachments;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A job whose host died while running it is picked up by another host once the invisibility timeout has passed (45 s
/// by default; a live host keeps renewing its jobs' fetch time), not after Hangfire.PostgreSql's default 30 minutes. A
/// large import's job runs on any host: the file waits for it in the database, sealed, counted against what the tenant's
/// waiting imports may hold.
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

        var kept = await ParcelPartsAsync();
        kept.Count.ShouldBeGreaterThanOrEqualTo(2, "the sealed key, then the spool");
        var bytes = kept.SelectMany(d => d).ToArray();
        foreach (var plain in new[] { "Edge#3", "RK-5555", "Office: XXXXX", "Edge firewall", "esxi host list", "fw.contoso.local" })
        {
            bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(plain)).ShouldBe(-1, $"{plain} is not in the kept import in clear");
        }

        (await family.Admin.Api.CredentialsAsync()).ShouldBeEmpty("nothing is applied before the job runs");
        await using var worker = App.CreateJobsHost(threshold: 2);
        var job = await worker.As(App, family.Admin).EndedJobAsync(ticket.GetProperty("jobId").GetString()!);
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        (await family.Admin.Api.CredentialsAsync()).Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(["Edge firewall", "Hypervisor", "Licence keys"]);
    }

    [Fact]
    public async Task A_job_whose_API_key_was_revoked_before_it_ran_fails_with_401_and_changes_nothing()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var ids = await family.Admin.Api.CreateCredentialsAsync(5);
        var created = await family.Admin.Api.PostAsJsonAsync("/api/v1/api-keys", new { name = "RMM", readOnly = false }).ReadJsonAsync(HttpStatusCode.Created);
        await using var receiving = App.CreateFactory(new Dictionary<string, string?> { ["Jobs:Threshold"] = "3" }); // no job server: the job waits
        var byKey = receiving.WithApiKey(App, created.GetProperty("key").GetString()!);
        var share = new { credentialIds = ids, targetTenantId = family.Client("Client A").Id, enabled = true, audience = new { everyone = true }, permission = "View" };
        var ticket = await byKey.PostAsJsonAsync("/api/v1/shares/bulk", share).ReadJsonAsync(HttpStatusCode.Accepted);

        (await family.Admin.Api.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using var worker = App.CreateJobsHost(threshold: 3);
        var job = await worker.As(App, family.Admin).EndedJobAsync(ticket.GetProperty("jobId").GetString()!);

        job.GetProperty("state").GetString().ShouldBe("failed", job.ToString());
        job.GetProperty("problem").GetProperty("status").GetInt32().ShouldBe(401);
        (await family.Client("Client A").Admin.Api.ListCredentialsAsync()).ShouldBeEmpty("its owner could still sign in, but the key it gave the job could not");
    }

    [Fact]
    public async Task Imports_kept_for_jobs_hold_at_most_the_tenants_file_quota_and_one_import_file_and_give_their_room_back_when_their_job_or_the_purge_takes_them()
    {
        var family = await App.Family().BuildAsync();
        await family.Admin.Api.PutAsJsonAsync("/api/v1/tenant/policy", new { fileQuotaMb = 1 }).ReadJsonAsync(HttpStatusCode.OK);
        var settings = new Dictionary<string, string?> { ["Jobs:Threshold"] = "2", ["Files:MaxImportMb"] = "1" }; // room for 2 MiB of kept imports
        await using var receiving = App.CreateFactory(settings); // no job server: the imports wait
        var admin = receiving.As(App, family.Admin);
        static byte[] Vault(int i) => ImportAttachmentTests.KeePass(($"Router {i}", Files.Random(700 * 1024, seed: i)), ($"Switch {i}", [1]), ($"Firewall {i}", [2]));

        var (jobs, parcels) = (new List<string>(), new List<Guid>());
        for (var i = 0; i < 2; i++)
        {
            jobs.Add((await admin.PostAsync("/api/v1/imports", ImportTests.Form("vault.xml", Vault(i))).ReadJsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!);
            parcels.Add((await ParcelIdsAsync()).Except(parcels).Single());
        }

        var kept = await ParcelPartsAsync();
        (await KeptImportBytesAsync()).ShouldBe(kept.Sum(p => (long)p.Length), "each kept import counts what it holds");
        var refused = await admin.PostAsync("/api/v1/imports", ImportTests.Form("vault.xml", Vault(2))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        refused.GetProperty("detail").GetString()!.ShouldContain("may hold 2 MiB together");
        (await ParcelPartsAsync()).Count.ShouldBe(kept.Count, "a refused import keeps nothing");

        // the second waited past its time: the purge takes it and gives its room back
        await using (var scope = App.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredentialsDbContext>();
            await db.ImportParcels.IgnoreQueryFilters().Where(p => p.ParcelId == parcels[1]).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, p => p.CreatedAt.AddDays(-2)));
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PurgeFiles.Command());
        }

        (await KeptImportBytesAsync()).ShouldBe((await ParcelPartsAsync()).Sum(p => (long)p.Length), "the purged import gave back what it held");
        settings["Jobs:Server"] = "true";
        settings["Jobs:QueuePollInterval"] = "00:00:01";
        await using (var worker = App.CreateFactory(settings))
        {
            var ended = await worker.As(App, family.Admin).EndedJobAsync(jobs[0]);
            ended.GetProperty("state").GetString().ShouldBe("succeeded", ended.ToString());
            ended = await worker.As(App, family.Admin).EndedJobAsync(jobs[1]);
            ended.GetProperty("problem").GetProperty("status").GetInt32().ShouldBe(410, ended.ToString());
        }

        (await ParcelPartsAsync()).ShouldBeEmpty();
        (await KeptImportBytesAsync()).ShouldBe(0, "the import's transaction gave back what its file held");
    }

    private Task<List<byte[]>> ParcelPartsAsync() => JobTests.ParcelPartsAsync(App);

    private async Task<List<Guid>> ParcelIdsAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().ImportParcels.IgnoreQueryFilters().Select(p => p.ParcelId).Distinct().ToListAsync();
    }

    /// <summary>What every tenant's kept imports count against their room, together.</summary>
    private async Task<long> KeptImportBytesAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().DataKeys.IgnoreQueryFilters().SumAsync(k => k.KeptImportBytes);
    }
}
