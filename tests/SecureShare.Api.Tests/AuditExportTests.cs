using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The log leaves the product whole: an export (JSONL or CSV) that an outside script recomputes to the signed head,
/// and a forward feed for SIEMs that resumes from its cursor without losing or repeating an event.
/// </summary>
public abstract class AuditExportTests(TestApp app) : DatabaseTest(app)
{
    private async Task SealAsync()
    {
        await using var scope = App.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SealAuditLog.Command());
    }

    /// <summary>An MSP with some history, sealed, then one event more that waits for the sealer.</summary>
    private async Task<Person> HistoryAsync()
    {
        var family = await App.Family().With("tech", "Technician").BuildAsync();
        var admin = family.Admin.Api;
        admin.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "=HYPERLINK(\"https://evil.example\")");
        var credential = await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Core switch", secret = "s3cret" }).CreatedIdAsync();
        await admin.RevealAsync(credential);
        await admin.PatchAsJsonAsync($"/api/v1/users/{family["tech"].UserId}", new { displayName = "Dana the tech" });
        await SealAsync();
        await admin.RevealAsync(credential);
        return family.Admin;
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(HostProcess.RepositoryRoot, "scripts", "audit-chain.py"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        return (script.ExitCode, await output + await error);
    }

    private async Task<string> SaveAsync(HttpResponseMessage response, string extension)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var path = Path.Combine(Path.GetTempPath(), $"secureshare-audit-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private async Task<string> PublicKeyFileAsync()
    {
        var key = await App.CreateClient().GetAsync("/api/v1/audit/signing-key").ReadAsync<SigningKey>(HttpStatusCode.OK);
        var path = Path.Combine(Path.GetTempPath(), $"secureshare-audit-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, key.PublicKeyPem);
        return path;
    }

    [Fact]
    public async Task A_jsonl_export_recomputes_to_its_signed_head_with_the_repository_script()
    {
        var admin = await HistoryAsync();
        var verdict = await admin.Api.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK);

        var response = await admin.Api.GetAsync("/api/v1/audit/export?format=jsonl");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.GetValues("Audit-Head-Sequence").Single().ShouldBe(verdict.Head!.Sequence.ToString());
        var file = await SaveAsync(response, "jsonl");
        var lines = (await File.ReadAllLinesAsync(file)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines[^1].GetProperty("head").GetProperty("hash").GetString().ShouldBe(verdict.Head.Hash);
        var entries = lines[..^1];
        entries.Where(e => e.GetProperty("sequence").ValueKind == JsonValueKind.Number).Select(e => e.GetProperty("sequence").GetInt64())
            .ShouldBe(Enumerable.Range(1, (int)verdict.Events).Select(i => (long)i));
        var waiting = entries.Where(e => e.GetProperty("sequence").ValueKind == JsonValueKind.Null).ToList();
        waiting.Count.ShouldBe((int)verdict.Unsealed + 1);
        waiting[^1].GetProperty("event").GetProperty("type").GetString().ShouldBe("audit.exported"); // the export records itself first

        var (exit, output) = await RunScriptAsync(file, "--key", await PublicKeyFileAsync());
        exit.ShouldBe(0, output);
        output.ShouldContain($"{verdict.Events} linked events verified");
        output.ShouldContain("verifies with");

        // The same export with one byte of one event changed no longer checks.
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("Dana the tech", "Dana the hacker"));
        (await File.ReadAllTextAsync(file)).ShouldNotBe(text);
        (await RunScriptAsync(file)).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task A_csv_export_keeps_every_value_exact_and_defuses_spreadsheet_formulas()
    {
        var admin = await HistoryAsync();
        var response = await admin.Api.GetAsync("/api/v1/audit/export?format=csv");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        string Header(string name) => response.Headers.GetValues($"Audit-Head-{name}").Single();
        var file = await SaveAsync(response, "csv");
        var text = await File.ReadAllTextAsync(file);
        text.ShouldNotContain(",=HYPERLINK");
        text.ShouldNotContain(",\"=HYPERLINK");
        text.ShouldContain("'=HYPERLINK");

        string[] head = ["--head-sequence", Header("Sequence"), "--head-hash", Header("Hash"), "--head-start-sequence", Header("Start-Sequence"),
            "--head-start-hash", Header("Start-Hash"), "--head-signed-at", Header("Signed-At")];
        var (exit, output) = await RunScriptAsync([file, "--key", await PublicKeyFileAsync(), .. head, "--head-signature", Header("Signature")]);
        exit.ShouldBe(0, output);

        // A head whose signature is not the installation's does not verify.
        var forged = Convert.ToBase64String(Convert.FromBase64String(Header("Signature")).Select((b, i) => i == 10 ? (byte)(b ^ 1) : b).ToArray());
        (await RunScriptAsync([file, "--key", await PublicKeyFileAsync(), .. head, "--head-signature", forged])).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Events_recorded_before_names_were_kept_still_verify_in_the_app_and_with_the_script()
    {
        // An event in the first canonical form (no names: as written before they were kept), then one in the current form.
        var admin = await HistoryAsync();
        var db = App.Database;
        const string Columns = "\"TenantId\", \"FamilyId\", \"At\", \"Type\", \"ActorUserId\", \"ActorName\", \"Ip\", \"UserAgent\", \"Outcome\", \"Details\"";
        var old = Guid.NewGuid();
        await db.ExecuteAsync($"""
            INSERT INTO {db.Table("audit", "events")} ("Id", {Columns})
            SELECT {db.Literal(old)}, {Columns} FROM {db.Table("audit", "events")} WHERE "TenantId" = {db.Literal(admin.TenantId)} AND "Type" = 'credential.revealed' AND "Sequence" = (
                SELECT MIN("Sequence") FROM {db.Table("audit", "events")} WHERE "TenantId" = {db.Literal(admin.TenantId)} AND "Type" = 'credential.revealed')
            """);
        await admin.Api.RevealAsync((await admin.Api.CredentialsAsync()).First().Id);
        await SealAsync();

        var verdict = await admin.Api.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK);
        verdict.ShouldBe(verdict with { Valid = true, Break = null, Unsealed = 0 });
        var file = await SaveAsync(await admin.Api.GetAsync("/api/v1/audit/export?format=jsonl"), "jsonl");
        var oldEvent = (await File.ReadAllLinesAsync(file)).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.TryGetProperty("event", out var ev) && ev.GetProperty("id").GetGuid() == old).GetProperty("event");
        oldEvent.GetProperty("tenantName").ValueKind.ShouldBe(JsonValueKind.Null);
        var (exit, output) = await RunScriptAsync(file, "--key", await PublicKeyFileAsync());
        exit.ShouldBe(0, output);

        // Names given to the old event afterwards do not pass for its first form: they break its link.
        await db.TamperAsync($"UPDATE {db.Table("audit", "events")} SET \"ActorTenantName\" = 'Someone else' WHERE \"Id\" = {db.Literal(old)}");
        var broken = await admin.Api.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK);
        broken.ShouldBe(broken with { Valid = false, Break = "event-changed", FirstBrokenEventId = old });
    }

    [Fact]
    public async Task An_export_filters_as_the_list_does_and_is_itself_audited()
    {
        var admin = await HistoryAsync();
        var file = await SaveAsync(await admin.Api.GetAsync("/api/v1/audit/export?type=credential.revealed"), "jsonl");
        var entries = (await File.ReadAllLinesAsync(file))[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.GetProperty("event").GetProperty("type").GetString() == "credential.revealed");

        (await admin.Api.AuditTypesAsync("type=audit.exported")).Count.ShouldBe(1);
        await admin.Api.GetAsync("/api/v1/audit/export?format=xml").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_feed_resumes_from_its_cursor_after_a_restart_without_losing_or_repeating_an_event()
    {
        var admin = await HistoryAsync();
        var all = (await admin.Api.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK)).Events;

        var first = await admin.Api.GetAsync("/api/v1/audit/events?limit=3").ReadAsync<FeedPage>(HttpStatusCode.OK);
        first.Items.Select(i => i.Sequence).ShouldBe([1, 2, 3]);
        first.HasMore.ShouldBeTrue();

        // Another instance of the Host (a restart) takes the cursor the reader kept.
        await using var restarted = App.CreateFactory(new Dictionary<string, string?>());
        var reader = restarted.CreateClient();
        reader.DefaultRequestHeaders.Authorization = admin.Api.DefaultRequestHeaders.Authorization;
        var seen = first.Items.ToList();
        var cursor = first.Cursor;
        FeedPage page;
        do
        {
            page = await reader.GetAsync($"/api/v1/audit/events?limit=3&cursor={cursor}").ReadAsync<FeedPage>(HttpStatusCode.OK);
            seen.AddRange(page.Items);
            cursor = page.Cursor;
        }
        while (page.HasMore);

        seen.Select(i => i.Sequence).ShouldBe(Enumerable.Range(1, (int)all).Select(i => (long?)i));
        seen.Select(i => i.Event.Id).Distinct().Count().ShouldBe((int)all);

        // Nothing new: the same cursor answers an empty page; once the sealer links more, they follow it.
        (await reader.GetAsync($"/api/v1/audit/events?cursor={cursor}").ReadAsync<FeedPage>(HttpStatusCode.OK)).Items.ShouldBeEmpty();
        await SealAsync();
        var next = await reader.GetAsync($"/api/v1/audit/events?cursor={cursor}").ReadAsync<FeedPage>(HttpStatusCode.OK);
        next.Items.Select(i => i.Sequence).ShouldBe(Enumerable.Range((int)all + 1, next.Items.Count).Select(i => (long?)i));
        next.Items.ShouldContain(i => i.Event.Type == "credential.revealed");

        await admin.Api.GetAsync("/api/v1/audit/events?cursor=not-a-cursor").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await admin.Api.GetAsync("/api/v1/audit/events?limit=5000").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditExportTests_Sqlite(SqliteApp app) : AuditExportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditExportTests_Postgres(PostgresApp app) : AuditExportTests(app);
