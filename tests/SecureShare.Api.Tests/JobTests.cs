using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Host.Jobs;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Large work as a job: above the threshold a request answers 202 with a job id; the job runs the same command (one
/// transaction, as the starter); GET /jobs/{id} gives its progress and its per-item result to its starter and the
/// tenant's Admins only. Here the threshold is 3 items, on a host that runs the job server.
/// </summary>
public abstract class JobTests(TestApp app) : DatabaseTest(app)
{
    private static object Share(IEnumerable<Guid> ids, Guid target) =>
        new { credentialIds = ids, targetTenantId = target, enabled = true, audience = new { everyone = true }, permission = "View" };

    [Fact]
    public async Task A_bulk_share_above_the_threshold_answers_202_and_its_job_applies_every_item_and_reports_the_per_item_result()
    {
        var family = await App.Family().With("tech", "Technician").With("member", "Member").Client("Client A").BuildAsync();
        var clientA = family.Client("Client A");
        var ids = await family["tech"].Api.CreateCredentialsAsync(7);
        await using var host = App.CreateJobsHost();
        var tech = host.As(App, family["tech"]);

        var response = await tech.PostAsJsonAsync("/api/v1/shares/bulk", Share(ids, clientA.Id));
        var ticket = await response.ReadJsonAsync(HttpStatusCode.Accepted);
        var jobId = ticket.GetProperty("jobId").GetString()!;
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/jobs/{jobId}");

        var job = await tech.EndedJobAsync(jobId);
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("kind").GetString().ShouldBe("BulkShare");
        (job.GetProperty("done").GetInt32(), job.GetProperty("total").GetInt32()).ShouldBe((7, 7));
        job.GetProperty("startedAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(job.GetProperty("finishedAt").GetDateTimeOffset());
        var results = job.GetProperty("result").GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("credentialId").GetGuid()).ShouldBe(ids);
        results.ShouldAllBe(r => r.GetProperty("outcome").GetString() == "shared");
        (await clientA.Admin.Api.ListCredentialsAsync()).Count.ShouldBe(7);
        (await family.Admin.Api.AuditTypesAsync(ids[0])).ShouldBe(["share.created", "credential.created"]);

        // the starter and the tenant's Admins see the job; nobody else, and no other id, tells it apart
        await host.As(App, family.Admin).GetAsync($"/api/v1/jobs/{jobId}").ReadJsonAsync(HttpStatusCode.OK);
        await host.As(App, family["member"]).GetAsync($"/api/v1/jobs/{jobId}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await host.As(App, clientA.Admin).GetAsync($"/api/v1/jobs/{jobId}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var other in new[] { "999999999", Guid.NewGuid().ToString(), "not-a-job", "99999999999999999999999" })
        {
            await tech.GetAsync($"/api/v1/jobs/{other}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_job_started_by_a_tenant_wide_API_key_runs_as_that_key_and_its_starter_follows_it()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var clientA = family.Client("Client A");
        var ids = await family.Admin.Api.CreateCredentialsAsync(5);
        var key = (await family.Admin.Api.PostAsJsonAsync("/api/v1/api-keys", new { name = "RMM", tenantWide = true, readOnly = false }).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("key").GetString()!;
        await using var host = App.CreateJobsHost();
        var byKey = host.WithApiKey(App, key);

        var ticket = await byKey.PostAsJsonAsync("/api/v1/shares/bulk", Share(ids, clientA.Id)).ReadJsonAsync(HttpStatusCode.Accepted);
        var job = await byKey.EndedJobAsync(ticket.GetProperty("jobId").GetString()!);

        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        (await clientA.Admin.Api.ListCredentialsAsync()).Count.ShouldBe(5);
        var shared = await family.Admin.Api.GetAsync("/api/v1/audit?type=share.created").ReadJsonAsync(HttpStatusCode.OK);
        shared.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("actor").GetProperty("name").GetString()).Distinct().ShouldBe(["RMM (API key)"]);
    }

    [Fact]
    public async Task A_rule_change_of_a_folder_above_the_threshold_answers_202_and_its_job_shares_or_stops_every_credential_in_it()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var clientA = family.Client("Client A");
        var folder = await family.Admin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "Client A" }).CreatedIdAsync();
        var sub = await family.Admin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "Network", parentId = folder }).CreatedIdAsync();
        var ids = (await family.Admin.Api.CreateCredentialsAsync(3, "Switch", folder)).Concat(await family.Admin.Api.CreateCredentialsAsync(2, "Router", sub)).ToList();
        await using var host = App.CreateJobsHost();
        var admin = host.As(App, family.Admin);
        var rule = $"/api/v1/folders/{folder}/share-rules/{clientA.Id}";

        var preview = await admin.PutAsJsonAsync(rule, new { enabled = true, audience = new { everyone = true }, permission = "View", dryRun = true }).ReadJsonAsync(HttpStatusCode.OK);
        preview.GetProperty("results").GetArrayLength().ShouldBe(5, "a preview answers at once, whatever its size");
        var job = await admin.PutAsJsonAsync(rule, new { enabled = true, audience = new { everyone = true }, permission = "View" }).JobAsync(admin);
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        (job.GetProperty("kind").GetString(), job.GetProperty("done").GetInt32(), job.GetProperty("total").GetInt32()).ShouldBe(("PutFolderShareRule", 5, 5));
        job.GetProperty("result").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ShouldAllBe(o => o == "shared");
        (await clientA.Admin.Api.ListCredentialsAsync()).Select(c => c.GetProperty("id").GetGuid()).Order().ShouldBe(ids.Order());

        job = await admin.PutAsJsonAsync(rule, new { enabled = false }).JobAsync(admin);
        job.GetProperty("result").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ShouldAllBe(o => o == "stopped");
        (await clientA.Admin.Api.ListCredentialsAsync()).ShouldBeEmpty();
        (await family.Admin.Api.AuditTypesAsync("type=share.rule.removed")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_import_above_the_threshold_answers_202_and_its_job_runs_once_leaving_the_vault_and_report_the_request_would()
    {
        var family = await App.Family().BuildAsync();
        var elsewhere = await App.Family().BuildAsync();
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "ImportSamples", "keepass.xml")); // 3 entries to import, 2 files, 1 skipped
        var inRequest = await elsewhere.Admin.Api.PostAsync("/api/v1/imports", ImportTests.Form("keepass.xml", sample)).ReadAsync<ImportView>(HttpStatusCode.OK);
        await using var host = App.CreateJobsHost(threshold: 2);
        var admin = host.As(App, family.Admin);

        var dryRun = await admin.PostAsync("/api/v1/imports", ImportTests.Form("keepass.xml", sample, ("dryRun", "true"))).ReadAsync<ImportView>(HttpStatusCode.OK);
        dryRun.Created.ShouldBe(3, "a dry run answers at once, whatever its size");
        var ticket = await admin.PostAsync("/api/v1/imports", ImportTests.Form("keepass.xml", sample)).ReadJsonAsync(HttpStatusCode.Accepted);
        var jobId = ticket.GetProperty("jobId").GetString()!;
        var job = await admin.EndedJobAsync(jobId);

        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        (job.GetProperty("kind").GetString(), job.GetProperty("done").GetInt32(), job.GetProperty("total").GetInt32()).ShouldBe(("ImportFile", 3, 3));
        var report = job.GetProperty("result").Deserialize<ImportView>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        (report.Format, report.DryRun, report.Created, report.Files).ShouldBe(("keepass-xml", false, 3, 2));
        report.Skipped.ShouldBe(inRequest.Skipped);
        report.Warnings.ShouldBe(inRequest.Warnings);
        report.ByFolder.ShouldBe(inRequest.ByFolder);
        report.FoldersCreated.ShouldBe(inRequest.FoldersCreated);
        (await ImportTests.VaultAsync(family.Admin.Api)).ShouldBe(await ImportTests.VaultAsync(elsewhere.Admin.Api), "fields, history, tags, TOTP and files alike");
        (await family.Admin.Api.AuditTypesAsync("type=credentials.imported")).Count.ShouldBe(1);
        (await family.Admin.Api.AuditTypesAsync("type=credentials.import.kept")).Count.ShouldBe(1, "keeping the file for its job is audited as it happens");
        (await ParcelPartsAsync()).ShouldBeEmpty("the import's transaction took the file it was kept as");

        // the same job record run again applies nothing: the kept file went with the first run's transaction
        var storage = host.Services.GetRequiredService<JobStorage>();
        JobOrder order;
        using (var connection = storage.GetConnection())
        {
            order = (JobOrder)connection.GetJobData(jobId).Job.Args[0];
        }

        var replay = await admin.EndedJobAsync(new BackgroundJobClient(storage).Enqueue<CommandJobRunner>(r => r.RunAsync(order, null, CancellationToken.None)));
        replay.GetProperty("state").GetString().ShouldBe("failed", replay.ToString());
        replay.GetProperty("problem").GetProperty("status").GetInt32().ShouldBe(410);
        (await family.Admin.Api.CredentialsAsync()).Count.ShouldBe(3);
    }

    private Task<List<byte[]>> ParcelPartsAsync() => ParcelPartsAsync(App);

    /// <summary>Every part of every import kept for a job: its bytes.</summary>
    internal static async Task<List<byte[]>> ParcelPartsAsync(TestApp app)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().ImportParcels.IgnoreQueryFilters().Select(p => p.Data).ToListAsync();
    }

    [Fact]
    public async Task A_refused_large_request_answers_at_once_and_a_job_refused_when_it_runs_fails_with_its_problem_and_changes_nothing()
    {
        var family = await App.Family().With("member", "Member").Client("Client A").BuildAsync();
        var other = await App.Family().Client("Elsewhere").BuildAsync();
        var ids = await family.Admin.Api.CreateCredentialsAsync(5);
        await using var host = App.CreateJobsHost();
        var admin = host.As(App, family.Admin);

        // the role and the input are checked before anything is started
        await host.As(App, family["member"]).PostAsJsonAsync("/api/v1/shares/bulk", Share(ids, family.Client("Client A").Id)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var invalid = await admin.PostAsJsonAsync("/api/v1/shares/bulk", Share([.. ids, ids[0]], family.Client("Client A").Id)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").TryGetProperty("credentialIds", out _).ShouldBeTrue(invalid.ToString());

        // another MSP's client is found not to be on the edge only when the job runs: the job fails with the request's 404
        var ticket = await admin.PostAsJsonAsync("/api/v1/shares/bulk", Share(ids, other.Client("Elsewhere").Id)).ReadJsonAsync(HttpStatusCode.Accepted);
        var job = await admin.EndedJobAsync(ticket.GetProperty("jobId").GetString()!);
        job.GetProperty("state").GetString().ShouldBe("failed", job.ToString());
        job.GetProperty("problem").GetProperty("status").GetInt32().ShouldBe(404);
        job.GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Null);
        (await family.Admin.Api.ListCredentialsAsync()).ShouldAllBe(c => c.GetProperty("sharing").GetProperty("state").GetString() == "none");
        (await other.Client("Elsewhere").Admin.Api.ListCredentialsAsync()).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class JobTests_Sqlite(SqliteApp app) : JobTests(app);

[Collection(PostgresCollection.Name)]
public sealed class JobTests_Postgres(PostgresApp app) : JobTests(app);
