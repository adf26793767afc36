using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Bulk share, update and stop from a list view: per-item outcomes, set-based, previewable, safe under concurrency.</summary>
public abstract class BulkSharingTests(TestApp app) : DatabaseTest(app)
{
    private sealed record Setup(Msp Msp, HttpClient MspAdmin, Guid ClientA, HttpClient SiteA, Guid ClientB, HttpClient SiteB);

    private async Task<Setup> SetupAsync()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var (clientB, siteB, _) = await App.CreateClientTenantAsync(mspAdmin, "Client B");
        return new Setup(msp, mspAdmin, clientA, siteA, clientB, siteB);
    }

    private static object Everyone(IEnumerable<Guid> ids, Guid target, string permission = "View", bool dryRun = false) =>
        new { credentialIds = ids, targetTenantId = target, enabled = true, audience = new { everyone = true }, permission, dryRun };

    private static object Stop(IEnumerable<Guid> ids, Guid target) => new { credentialIds = ids, targetTenantId = target, enabled = false };

    private static async Task<List<(Guid Id, string Outcome, string? Reason)>> BulkAsync(HttpClient client, object body)
    {
        var json = await client.PostAsJsonAsync("/api/v1/shares/bulk", body).ReadJsonAsync(HttpStatusCode.OK);
        return json.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("credentialId").GetGuid(), r.GetProperty("outcome").GetString()!,
                r.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null))
            .ToList();
    }

    private static async Task<List<string?>> AuditTypesAsync(HttpClient client, string query) =>
        (await client.GetAsync($"/api/v1/audit?limit=500&{query}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).ToList();

    [Fact]
    public async Task Bulk_share_update_and_stop_give_one_outcome_per_credential_and_repeating_changes_nothing()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(3);

        (await BulkAsync(s.MspAdmin, Everyone(ids, s.ClientA))).Select(r => r.Outcome).ShouldBe(["shared", "shared", "shared"]);
        (await BulkAsync(s.MspAdmin, Everyone(ids, s.ClientA))).Select(r => r.Outcome).ShouldBe(["unchanged", "unchanged", "unchanged"]);
        var listed = await s.SiteA.ListCredentialsAsync();
        listed.Select(c => c.GetProperty("id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        listed.ShouldAllBe(c => c.GetProperty("permission").GetString() == "View");
        (await s.MspAdmin.ListCredentialsAsync()).ShouldAllBe(c => c.GetProperty("sharing").GetProperty("state").GetString() == "out");

        // one more credential joins a changed request: it is shared, the others are updated
        var more = ids.Append((await s.MspAdmin.CreateCredentialsAsync(1, "Router"))[0]).ToList();
        (await BulkAsync(s.MspAdmin, Everyone(more, s.ClientA, "Edit"))).Select(r => r.Outcome).ShouldBe(["updated", "updated", "updated", "shared"]);
        (await s.SiteA.ListCredentialsAsync()).ShouldAllBe(c => c.GetProperty("permission").GetString() == "Edit");
        (await s.SiteA.ListCredentialsAsync()).Count.ShouldBe(4);

        (await BulkAsync(s.MspAdmin, Stop(more, s.ClientA))).Select(r => r.Outcome).ShouldBe(["stopped", "stopped", "stopped", "stopped"]);
        (await BulkAsync(s.MspAdmin, Stop(more, s.ClientA))).Select(r => r.Outcome).ShouldBe(["unchanged", "unchanged", "unchanged", "unchanged"]);
        (await s.SiteA.ListCredentialsAsync()).ShouldBeEmpty();
        var mspList = await s.MspAdmin.ListCredentialsAsync();
        mspList.ShouldAllBe(c => c.GetProperty("needsRotation").GetBoolean() && c.GetProperty("sharing").GetProperty("state").GetString() == "none");

        // both logs hold each credential's life
        var mspSide = await AuditTypesAsync(s.MspAdmin, $"credentialId={ids[0]}");
        mspSide.ShouldBe(["share.stopped", "share.updated", "share.created", "credential.created"]);
        var clientSide = await AuditTypesAsync(s.SiteA, $"credentialId={ids[0]}");
        clientSide.ShouldBe(["share.stopped", "share.updated", "share.received"]);
    }

    [Fact]
    public async Task Another_tenants_credential_and_a_missing_one_are_refused_with_the_same_reason_and_the_refusal_is_audited()
    {
        var s = await SetupAsync();
        var mine = await s.MspAdmin.CreateCredentialsAsync(1);
        var clientAs = await s.SiteA.CreateCredentialsAsync(1, "Client A secret");
        var otherMsp = await App.SignupMspAsync();
        var foreign = await (await App.ClientForAsync(otherMsp.AdminEmail)).CreateCredentialsAsync(1, "Other MSP");
        await s.SiteA.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(clientAs, s.Msp.TenantId)).ReadJsonAsync(HttpStatusCode.OK);
        var missing = Guid.NewGuid();

        // client B's credential, another MSP's, one that never existed: identical refusals; client A's (shared in to the MSP): not the owner
        var clientBs = await s.SiteB.CreateCredentialsAsync(1, "Client B secret");
        var results = await BulkAsync(s.MspAdmin, Everyone([mine[0], clientBs[0], foreign[0], missing, clientAs[0]], s.ClientB));
        results.Select(r => r.Outcome).ShouldBe(["shared", "refused", "refused", "refused", "refused"]);
        results[1].Reason.ShouldBe(results[3].Reason);
        results[2].Reason.ShouldBe(results[3].Reason);
        results[3].Reason.ShouldBe("No such credential.");
        results[4].Reason.ShouldBe("Only the tenant that owns a credential shares it.");

        (await s.SiteB.ListCredentialsAsync()).Select(c => c.GetProperty("id").GetGuid()).ShouldBe([clientBs[0], mine[0]], ignoreOrder: true);
        (await AuditTypesAsync(s.MspAdmin, "type=share.refused")).Count.ShouldBe(4);
        (await AuditTypesAsync(s.SiteB, "type=share.refused")).ShouldBeEmpty(); // a refusal is the caller's business only
    }

    [Fact]
    public async Task A_bulk_action_sends_as_many_sql_statements_for_2000_credentials_as_for_10()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(2_010);
        var (ten, many) = (ids[..10], ids[10..]);
        var steps = new (string Name, Func<List<Guid>, object> Body, string Outcome)[]
        {
            ("preview share", batch => Everyone(batch, s.ClientA, dryRun: true), "shared"),
            ("share", batch => Everyone(batch, s.ClientA), "shared"),
            ("update", batch => Everyone(batch, s.ClientA, "Edit"), "updated"),
            ("repeat", batch => Everyone(batch, s.ClientA, "Edit"), "unchanged"),
            ("preview stop", batch => new { credentialIds = batch, targetTenantId = s.ClientA, enabled = false, dryRun = true }, "stopped"),
            ("stop", batch => Stop(batch, s.ClientA), "stopped"),
        };

        await BulkAsync(s.MspAdmin, Everyone(ids[..1], s.ClientA, dryRun: true)); // warm the tenant cache, so both sizes start alike
        foreach (var (name, body, outcome) in steps)
        {
            var statements = new List<int>();
            foreach (var batch in new[] { ten, many })
            {
                var results = await BulkAsync(s.MspAdmin, body(batch));
                results.Count.ShouldBe(batch.Count);
                results.ShouldAllBe(r => r.Outcome == outcome);
                statements.Add(App.LastRequestSqlCommands("/api/v1/shares/bulk"));
            }

            statements[1].ShouldBe(statements[0], $"{name}: {statements[0]} SQL statements for 10 credentials, {statements[1]} for 2,000");
        }

        (await s.SiteA.ListCredentialsAsync()).ShouldBeEmpty();
    }

    private sealed record Site(Guid InsiderId, Guid OutsiderId, Guid SiteItGroup, Guid ItOnlyFolder, HttpClient Insider, HttpClient Outsider);

    /// <summary>Client A gets an insider (in group "Site IT"), an outsider, and a folder "IT only" restricted to Site IT.</summary>
    private async Task<Site> PeopleInClientAAsync(Setup s)
    {
        var insiderEmail = Api.UniqueEmail("insider");
        var outsiderEmail = Api.UniqueEmail("outsider");
        var insiderId = await s.SiteA.CreateUserAsync(insiderEmail, "Member");
        var outsiderId = await s.SiteA.CreateUserAsync(outsiderEmail, "Member");
        var siteIt = (await s.SiteA.PostAsJsonAsync("/api/v1/groups", new { name = "Site IT", memberIds = new[] { insiderId } })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var itOnly = (await s.SiteA.PostAsJsonAsync("/api/v1/folders", new { name = "IT only", groupIds = new[] { siteIt } })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return new Site(insiderId, outsiderId, siteIt, itOnly, await App.ClientForAsync(insiderEmail), await App.ClientForAsync(outsiderEmail));
    }

    private static List<(Guid UserId, int Credentials)> Changes(JsonElement preview, string side) =>
        preview.GetProperty("accessChanges").GetProperty(side).EnumerateArray()
            .Select(c => (c.GetProperty("userId").GetGuid(), c.GetProperty("credentials").GetInt32())).ToList();

    [Fact]
    public async Task A_preview_lists_who_would_gain_or_lose_access_and_changes_nothing()
    {
        var s = await SetupAsync();
        var site = await PeopleInClientAAsync(s);
        var siteAdminId = (await s.SiteA.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("userId").GetGuid();
        var ids = await s.MspAdmin.CreateCredentialsAsync(3);
        var toSiteIt = new { credentialIds = ids, targetTenantId = s.ClientA, enabled = true, audience = new { everyone = false, groupIds = new[] { site.SiteItGroup } }, permission = "View", dryRun = true };

        var before = await SnapshotRowCountsAsync();
        var preview = await s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", toSiteIt).ReadJsonAsync(HttpStatusCode.OK);
        preview.GetProperty("results").EnumerateArray().ShouldAllBe(r => r.GetProperty("outcome").GetString() == "shared");
        Changes(preview, "gaining").ShouldBe([(siteAdminId, 3), (site.InsiderId, 3)], ignoreOrder: true);
        Changes(preview, "losing").ShouldBeEmpty();
        (await SnapshotRowCountsAsync()).ShouldBe(before, "a preview writes nothing, not even an audit event");
        (await s.SiteA.ListCredentialsAsync()).ShouldBeEmpty();

        // shared with everyone; the site files one in "IT only". Narrowing the audience to the outsider alone:
        // the insider loses all three, the outsider keeps the two at the root and never saw the restricted one.
        await s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(ids, s.ClientA)).ReadJsonAsync(HttpStatusCode.OK);
        await s.SiteA.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = ids[..1], folderId = site.ItOnlyFolder }).ReadJsonAsync(HttpStatusCode.OK);
        var narrow = await s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk",
                new { credentialIds = ids, targetTenantId = s.ClientA, enabled = true, audience = new { everyone = false, userIds = new[] { site.OutsiderId } }, permission = "View", dryRun = true })
            .ReadJsonAsync(HttpStatusCode.OK);
        Changes(narrow, "gaining").ShouldBeEmpty();
        Changes(narrow, "losing").ShouldBe([(site.InsiderId, 3)]);

        var stop = await s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", new { credentialIds = ids, targetTenantId = s.ClientA, enabled = false, dryRun = true })
            .ReadJsonAsync(HttpStatusCode.OK);
        Changes(stop, "losing").ShouldBe([(siteAdminId, 3), (site.InsiderId, 3), (site.OutsiderId, 2)], ignoreOrder: true);
        (await site.Outsider.ListCredentialsAsync()).Count.ShouldBe(2, "the preview stopped nothing");
    }

    [Fact]
    public async Task Bad_bulk_requests_answer_400_or_404_change_nothing_and_the_refusal_is_audited()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(2);
        var otherMsp = await App.SignupMspAsync();
        var otherAdmin = await App.ClientForAsync(otherMsp.AdminEmail);
        var foreignUser = await otherAdmin.CreateUserAsync(Api.UniqueEmail("foreign"), "Member");
        var clientBUser = await s.SiteB.CreateUserAsync(Api.UniqueEmail("client-b"), "Member");
        var foreignGroup = (await s.SiteB.PostAsJsonAsync("/api/v1/groups", new { name = "B only" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        object Terms(object? credentialIds = null, Guid? target = null, object? audience = null, DateTimeOffset? expiresAt = null) => new
        {
            credentialIds = credentialIds ?? ids,
            targetTenantId = target ?? s.ClientA,
            enabled = true,
            audience = audience ?? new { everyone = true },
            permission = "View",
            expiresAt,
        };

        var cases = new (string Why, object Body, HttpStatusCode Status)[]
        {
            ("another MSP", Terms(target: otherMsp.TenantId), HttpStatusCode.NotFound),
            ("a tenant that does not exist", Terms(target: Guid.NewGuid()), HttpStatusCode.NotFound),
            ("a user of another MSP in the audience", Terms(audience: new { everyone = false, userIds = new[] { foreignUser } }), HttpStatusCode.NotFound),
            ("a user of another client in the audience", Terms(audience: new { everyone = false, userIds = new[] { clientBUser } }), HttpStatusCode.NotFound),
            ("a group of another client in the audience", Terms(audience: new { everyone = false, groupIds = new[] { foreignGroup } }), HttpStatusCode.NotFound),
            ("an expiry in the past", Terms(expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)), HttpStatusCode.BadRequest),
            ("10,001 ids", Terms(credentialIds: Enumerable.Range(0, 10_001).Select(_ => Guid.NewGuid()).ToList()), HttpStatusCode.BadRequest),
            ("a duplicate id", Terms(credentialIds: new[] { ids[0], ids[1], ids[0] }), HttpStatusCode.BadRequest),
            ("no ids", Terms(credentialIds: Array.Empty<Guid>()), HttpStatusCode.BadRequest),
            ("an empty audience", Terms(audience: new { everyone = false }), HttpStatusCode.BadRequest),
        };

        var refusalsBefore = (await AuditTypesAsync(s.MspAdmin, "type=request.refused")).Count;
        var before = (await SnapshotRowCountsAsync()).Split(',');
        foreach (var (why, body, status) in cases)
        {
            await s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", body).ShouldBeProblemAsync(status);
            (await SnapshotRowCountsAsync()).Split(',').Where((_, i) => i != 4).ShouldBe(before.Where((_, i) => i != 4), $"{why} changed data");
        }

        (await AuditTypesAsync(s.MspAdmin, "type=request.refused")).Count.ShouldBe(refusalsBefore + cases.Length);
        (await s.SiteA.ListCredentialsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_overlapping_bulk_shares_at_once_leave_one_share_per_credential_and_no_500()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(60);
        var first = ids[..40];
        var second = ids[20..];

        var answers = await Task.WhenAll(
            s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(first, s.ClientA)),
            s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(second, s.ClientA, "Edit")));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var outcomes = new List<string>();
        foreach (var answer in answers)
        {
            outcomes.AddRange((await answer.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()!));
        }

        outcomes.Count(o => o == "shared").ShouldBe(60, "each credential is shared exactly once");
        outcomes.Count(o => o == "updated").ShouldBe(20, "the overlap is updated by whichever came second");
        var listed = await s.SiteA.ListCredentialsAsync();
        listed.Select(c => c.GetProperty("id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        var shares = await Task.WhenAll(ids.Select(id => s.MspAdmin.GetAsync($"/api/v1/credentials/{id}/shares").ReadJsonAsync(HttpStatusCode.OK)));
        shares.ShouldAllBe(list => list.GetArrayLength() == 1);
        (await s.MspAdmin.ListCredentialsAsync()).ShouldAllBe(c => c.GetProperty("sharing").GetProperty("tenantCount").GetInt32() == 1);
    }

    [Fact]
    public async Task A_bulk_share_racing_a_bulk_stop_ends_in_one_of_the_two_orders()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(40);
        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(
                s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(ids, s.ClientA)),
                s.MspAdmin.PostAsJsonAsync("/api/v1/shares/bulk", Stop(ids, s.ClientA)));
            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);

            var listed = (await s.SiteA.ListCredentialsAsync()).Count;
            listed.ShouldBeOneOf(0, ids.Count);
            var origin = await s.MspAdmin.ListCredentialsAsync();
            origin.ShouldAllBe(c => c.GetProperty("sharing").GetProperty("tenantCount").GetInt32() == (listed == 0 ? 0 : 1));
        }
    }

    [Fact]
    public async Task Effective_access_names_each_user_who_can_see_a_credential_and_why_on_each_side()
    {
        var s = await SetupAsync();
        var site = await PeopleInClientAAsync(s);
        var techEmail = Api.UniqueEmail("tech");
        var techId = await s.MspAdmin.CreateUserAsync(techEmail, "Technician");
        var id = (await s.MspAdmin.CreateCredentialsAsync(1))[0];
        await s.MspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{s.ClientA}",
            new { enabled = true, audience = new { everyone = false, groupIds = new[] { site.SiteItGroup } }, permission = "View" }).ReadJsonAsync(HttpStatusCode.OK);

        static Dictionary<Guid, string> Users(JsonElement tenant) =>
            tenant.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("userId").GetGuid(), u => u.GetProperty("via").GetString()!);

        var fromMsp = (await s.MspAdmin.GetAsync($"/api/v1/credentials/{id}/access").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        fromMsp.Select(t => t.GetProperty("tenantId").GetGuid()).ShouldBe([s.Msp.TenantId, s.ClientA]);
        Users(fromMsp[0]).ShouldBe(new Dictionary<Guid, string> { [s.Msp.AdminId] = "admin", [techId] = "owner-tenant" }, ignoreOrder: true);
        var siteAdminId = (await s.SiteA.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("userId").GetGuid();
        Users(fromMsp[1]).ShouldBe(new Dictionary<Guid, string> { [siteAdminId] = "admin", [site.InsiderId] = "group:Site IT" }, ignoreOrder: true);
        fromMsp[1].GetProperty("restrictedByFolder").GetBoolean().ShouldBeFalse();

        // the site files it in a restricted folder; the site sees its own tenant only, and a member may not ask
        await s.SiteA.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { id }, folderId = site.ItOnlyFolder }).ReadJsonAsync(HttpStatusCode.OK);
        var fromSite = (await s.SiteA.GetAsync($"/api/v1/credentials/{id}/access").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        fromSite.Select(t => t.GetProperty("tenantId").GetGuid()).ShouldBe([s.ClientA]);
        fromSite[0].GetProperty("restrictedByFolder").GetBoolean().ShouldBeTrue();
        await site.Insider.GetAsync($"/api/v1/credentials/{id}/access").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await site.Outsider.GetAsync($"/api/v1/credentials/{id}/access").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await s.SiteB.GetAsync($"/api/v1/credentials/{id}/access").ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BulkSharingTests_Sqlite(SqliteApp app) : BulkSharingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BulkSharingTests_Postgres(PostgresApp app) : BulkSharingTests(app);
