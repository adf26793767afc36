using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Bulk share, update and stop from a list view: per-item outcomes, set-based, previewable, safe under concurrency.</summary>
public abstract class BulkSharingTests(TestApp app) : DatabaseTest(app)
{
    /// <summary>An MSP with clients A and B; client A has an insider (in group "Site IT") and an outsider.</summary>
    private Task<MspFamily> FamilyAsync() => App.Family()
        .Client("Client A", a => a.With("insider", "Member").With("outsider", "Member").Group("Site IT", "insider"))
        .Client("Client B")
        .BuildAsync();

    private static object Everyone(IEnumerable<Guid> ids, Guid target, string permission = "View", bool dryRun = false) =>
        new { credentialIds = ids, targetTenantId = target, enabled = true, audience = new { everyone = true }, permission, dryRun };

    private static object Stop(IEnumerable<Guid> ids, Guid target) => new { credentialIds = ids, targetTenantId = target, enabled = false };

    private static Task<BulkAnswer> SendAsync(Person caller, object body) =>
        caller.Api.PostAsJsonAsync("/api/v1/shares/bulk", body).ReadAsync<BulkAnswer>(HttpStatusCode.OK);

    private static async Task<IReadOnlyList<ItemOutcome>> BulkAsync(Person caller, object body) => (await SendAsync(caller, body)).Results;

    /// <summary>A folder of client A that only "Site IT" (and its admins) may see into.</summary>
    private static Task<Guid> ItOnlyFolderAsync(MspFamily family) =>
        family.Client("Client A").Admin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "IT only", groupIds = new[] { family.Client("Client A").Groups["Site IT"] } })
            .CreatedIdAsync();

    [Fact]
    public async Task Bulk_share_update_and_stop_give_one_outcome_per_credential_and_repeating_changes_nothing()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (msp, siteA, clientA) = (family.Admin, family.Client("Client A").Admin, family.Client("Client A").Id);
        var ids = await msp.Api.CreateCredentialsAsync(3);

        (await BulkAsync(msp, Everyone(ids, clientA))).Select(r => r.Outcome).ShouldBe(["shared", "shared", "shared"]);
        (await BulkAsync(msp, Everyone(ids, clientA))).Select(r => r.Outcome).ShouldBe(["unchanged", "unchanged", "unchanged"]);
        var listed = await siteA.Api.CredentialsAsync();
        listed.Select(c => c.Id).ShouldBe(ids, ignoreOrder: true);
        listed.ShouldAllBe(c => c.Permission == "View");
        (await msp.Api.CredentialsAsync()).ShouldAllBe(c => c.Sharing.State == "out");

        // one more credential joins a changed request: it is shared, the others are updated
        var more = ids.Append((await msp.Api.CreateCredentialsAsync(1, "Router"))[0]).ToList();
        (await BulkAsync(msp, Everyone(more, clientA, "Edit"))).Select(r => r.Outcome).ShouldBe(["updated", "updated", "updated", "shared"]);
        (await siteA.Api.CredentialsAsync()).ShouldAllBe(c => c.Permission == "Edit");
        (await siteA.Api.CredentialsAsync()).Count.ShouldBe(4);

        (await BulkAsync(msp, Stop(more, clientA))).Select(r => r.Outcome).ShouldBe(["stopped", "stopped", "stopped", "stopped"]);
        (await BulkAsync(msp, Stop(more, clientA))).Select(r => r.Outcome).ShouldBe(["unchanged", "unchanged", "unchanged", "unchanged"]);
        (await siteA.Api.CredentialsAsync()).ShouldBeEmpty();
        (await msp.Api.CredentialsAsync()).ShouldAllBe(c => c.NeedsRotation && c.Sharing.State == "none");

        // both logs hold each credential's life
        (await msp.Api.AuditTypesAsync(ids[0])).ShouldBe(["share.stopped", "share.updated", "share.created", "credential.created"]);
        (await siteA.Api.AuditTypesAsync(ids[0])).ShouldBe(["share.stopped", "share.updated", "share.received"]);
    }

    [Fact]
    public async Task Another_tenants_credential_and_a_missing_one_are_refused_with_the_same_reason_and_the_refusal_is_audited()
    {
        var family = await App.Family().Client("Client A").Client("Client B").BuildAsync();
        var (msp, siteA, siteB) = (family.Admin, family.Client("Client A").Admin, family.Client("Client B").Admin);
        var mine = await msp.Api.CreateCredentialsAsync(1);
        var clientAs = await siteA.Api.CreateCredentialsAsync(1, "Client A secret");
        var otherMsp = await App.SignupMspAsync();
        var foreign = await (await App.ClientForAsync(otherMsp.AdminEmail)).CreateCredentialsAsync(1, "Other MSP");
        await SendAsync(siteA, Everyone(clientAs, family.MspId));
        var missing = Guid.NewGuid();

        // client B's credential, another MSP's, one that never existed: identical refusals; client A's (shared in to the MSP): not the owner
        var clientBs = await siteB.Api.CreateCredentialsAsync(1, "Client B secret");
        var results = await BulkAsync(msp, Everyone([mine[0], clientBs[0], foreign[0], missing, clientAs[0]], family.Client("Client B").Id));
        results.Select(r => r.Outcome).ShouldBe(["shared", "refused", "refused", "refused", "refused"]);
        results[1].Reason.ShouldBe(results[3].Reason);
        results[2].Reason.ShouldBe(results[3].Reason);
        results[3].Reason.ShouldBe("No such credential.");
        results[4].Reason.ShouldBe("Only the tenant that owns a credential shares it.");

        (await siteB.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([clientBs[0], mine[0]], ignoreOrder: true);
        (await msp.Api.AuditTypesAsync("type=share.refused")).Count.ShouldBe(4);
        (await siteB.Api.AuditTypesAsync("type=share.refused")).ShouldBeEmpty(); // a refusal is the caller's business only
    }

    [Fact]
    public async Task A_bulk_action_sends_as_many_sql_statements_for_2000_credentials_as_for_10()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (msp, clientA) = (family.Admin, family.Client("Client A").Id);
        var ids = await msp.Api.CreateCredentialsAsync(2_010);
        var (ten, many) = (ids[..10], ids[10..]);
        var steps = new (string Name, Func<List<Guid>, object> Body, string Outcome)[]
        {
            ("preview share", batch => Everyone(batch, clientA, dryRun: true), "shared"),
            ("share", batch => Everyone(batch, clientA), "shared"),
            ("update", batch => Everyone(batch, clientA, "Edit"), "updated"),
            ("repeat", batch => Everyone(batch, clientA, "Edit"), "unchanged"),
            ("preview stop", batch => new { credentialIds = batch, targetTenantId = clientA, enabled = false, dryRun = true }, "stopped"),
            ("stop", batch => Stop(batch, clientA), "stopped"),
        };

        await BulkAsync(msp, Everyone(ids[..1], clientA, dryRun: true)); // warm the tenant cache, so both sizes start alike
        foreach (var (name, body, outcome) in steps)
        {
            var statements = new List<int>();
            foreach (var batch in new[] { ten, many })
            {
                var results = await BulkAsync(msp, body(batch));
                results.Count.ShouldBe(batch.Count);
                results.ShouldAllBe(r => r.Outcome == outcome);
                statements.Add(App.LastRequestSqlCommands("/api/v1/shares/bulk"));
            }

            statements[1].ShouldBe(statements[0], $"{name}: {statements[0]} SQL statements for 10 credentials, {statements[1]} for 2,000");
        }

        (await family.Client("Client A").Admin.Api.CredentialsAsync()).ShouldBeEmpty();
    }

    private static List<(Guid UserId, int Credentials)> Changes(IReadOnlyList<AccessChangeView> changes) =>
        changes.Select(c => (c.UserId, c.Credentials)).ToList();

    [Fact]
    public async Task A_preview_lists_who_would_gain_or_lose_access_and_changes_nothing()
    {
        var family = await FamilyAsync();
        var (msp, site) = (family.Admin, family.Client("Client A"));
        var (insider, outsider) = (family["insider"], family["outsider"]);
        var itOnly = await ItOnlyFolderAsync(family);
        var ids = await msp.Api.CreateCredentialsAsync(3);
        var toSiteIt = new { credentialIds = ids, targetTenantId = site.Id, enabled = true, audience = new { everyone = false, groupIds = new[] { site.Groups["Site IT"] } }, permission = "View", dryRun = true };

        var before = await SnapshotRowCountsAsync();
        var preview = await SendAsync(msp, toSiteIt);
        preview.Results.ShouldAllBe(r => r.Outcome == "shared");
        Changes(preview.AccessChanges!.Gaining).ShouldBe([(site.Admin.UserId, 3), (insider.UserId, 3)], ignoreOrder: true);
        preview.AccessChanges.Losing.ShouldBeEmpty();
        (await SnapshotRowCountsAsync()).ShouldBe(before, "a preview writes nothing, not even an audit event");
        (await site.Admin.Api.CredentialsAsync()).ShouldBeEmpty();

        // shared with everyone; the site files one in "IT only". Narrowing the audience to the outsider alone:
        // the insider loses all three, the outsider keeps the two at the root and never saw the restricted one.
        await SendAsync(msp, Everyone(ids, site.Id));
        await site.Admin.Api.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = ids[..1], folderId = itOnly }).ReadAsync<MoveAnswer>(HttpStatusCode.OK);
        var narrow = await SendAsync(msp,
            new { credentialIds = ids, targetTenantId = site.Id, enabled = true, audience = new { everyone = false, userIds = new[] { outsider.UserId } }, permission = "View", dryRun = true });
        narrow.AccessChanges!.Gaining.ShouldBeEmpty();
        Changes(narrow.AccessChanges.Losing).ShouldBe([(insider.UserId, 3)]);

        var stop = await SendAsync(msp, new { credentialIds = ids, targetTenantId = site.Id, enabled = false, dryRun = true });
        Changes(stop.AccessChanges!.Losing).ShouldBe([(site.Admin.UserId, 3), (insider.UserId, 3), (outsider.UserId, 2)], ignoreOrder: true);
        (await outsider.Api.CredentialsAsync()).Count.ShouldBe(2, "the preview stopped nothing");
    }

    [Fact]
    public async Task Bad_bulk_requests_answer_400_or_404_change_nothing_and_the_refusal_is_audited()
    {
        var family = await App.Family().Client("Client A").Client("Client B", b => b.With("client-b", "Member").Group("B only")).BuildAsync();
        var msp = family.Admin;
        var ids = await msp.Api.CreateCredentialsAsync(2);
        var otherMsp = await App.SignupMspAsync();
        var otherAdmin = await App.ClientForAsync(otherMsp.AdminEmail);
        var foreignUser = await otherAdmin.CreateUserAsync(Api.UniqueEmail("foreign"), "Member");
        var (clientBUser, foreignGroup) = (family["client-b"].UserId, family.Client("Client B").Groups["B only"]);
        object Terms(object? credentialIds = null, Guid? target = null, object? audience = null, DateTimeOffset? expiresAt = null) => new
        {
            credentialIds = credentialIds ?? ids,
            targetTenantId = target ?? family.Client("Client A").Id,
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
            ("100,001 ids", Terms(credentialIds: Enumerable.Range(0, 100_001).Select(_ => Guid.NewGuid()).ToList()), HttpStatusCode.BadRequest),
            ("a duplicate id", Terms(credentialIds: new[] { ids[0], ids[1], ids[0] }), HttpStatusCode.BadRequest),
            ("no ids", Terms(credentialIds: Array.Empty<Guid>()), HttpStatusCode.BadRequest),
            ("an empty audience", Terms(audience: new { everyone = false }), HttpStatusCode.BadRequest),
        };

        var refusalsBefore = (await msp.Api.AuditTypesAsync("type=request.refused")).Count;
        var before = (await SnapshotRowCountsAsync()).Split(',');
        foreach (var (why, body, status) in cases)
        {
            await msp.Api.PostAsJsonAsync("/api/v1/shares/bulk", body).ShouldBeProblemAsync(status);
            (await SnapshotRowCountsAsync()).Split(',').Where((_, i) => i != 4).ShouldBe(before.Where((_, i) => i != 4), $"{why} changed data");
        }

        (await msp.Api.AuditTypesAsync("type=request.refused")).Count.ShouldBe(refusalsBefore + cases.Length);
        (await family.Client("Client A").Admin.Api.CredentialsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_overlapping_bulk_shares_at_once_leave_one_share_per_credential_and_no_500()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (msp, clientA) = (family.Admin, family.Client("Client A").Id);
        var ids = await msp.Api.CreateCredentialsAsync(60);
        var first = ids[..40];
        var second = ids[20..];

        var answers = await Task.WhenAll(
            msp.Api.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(first, clientA)),
            msp.Api.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(second, clientA, "Edit")));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var outcomes = new List<string>();
        foreach (var answer in answers)
        {
            outcomes.AddRange((await answer.ReadAsync<BulkAnswer>(HttpStatusCode.OK)).Results.Select(r => r.Outcome));
        }

        outcomes.Count(o => o == "shared").ShouldBe(60, "each credential is shared exactly once");
        outcomes.Count(o => o == "updated").ShouldBe(20, "the overlap is updated by whichever came second");
        (await family.Client("Client A").Admin.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe(ids, ignoreOrder: true);
        var shares = await Task.WhenAll(ids.Select(id => msp.Api.GetAsync($"/api/v1/credentials/{id}/shares").ReadAsync<List<ShareView>>(HttpStatusCode.OK)));
        shares.ShouldAllBe(list => list.Count == 1);
        (await msp.Api.CredentialsAsync()).ShouldAllBe(c => c.Sharing.TenantCount == 1);
    }

    [Fact]
    public async Task A_bulk_share_racing_a_bulk_stop_ends_in_one_of_the_two_orders()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (msp, clientA) = (family.Admin, family.Client("Client A").Id);
        var ids = await msp.Api.CreateCredentialsAsync(40);
        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(
                msp.Api.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(ids, clientA)),
                msp.Api.PostAsJsonAsync("/api/v1/shares/bulk", Stop(ids, clientA)));
            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);

            var listed = (await family.Client("Client A").Admin.Api.CredentialsAsync()).Count;
            listed.ShouldBeOneOf(0, ids.Count);
            (await msp.Api.CredentialsAsync()).ShouldAllBe(c => c.Sharing.TenantCount == (listed == 0 ? 0 : 1));
        }
    }

    [Fact]
    public async Task Effective_access_names_each_user_who_can_see_a_credential_and_why_on_each_side()
    {
        var family = await App.Family().With("tech", "Technician")
            .Client("Client A", a => a.With("insider", "Member").With("outsider", "Member").Group("Site IT", "insider"))
            .Client("Client B")
            .BuildAsync();
        var (msp, site) = (family.Admin, family.Client("Client A"));
        var itOnly = await ItOnlyFolderAsync(family);
        var id = (await msp.Api.CreateCredentialsAsync(1))[0];
        await msp.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{site.Id}",
            new { enabled = true, audience = new { everyone = false, groupIds = new[] { site.Groups["Site IT"] } }, permission = "View" }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);

        static Dictionary<Guid, string> Users(TenantAccessView tenant) => tenant.Users.ToDictionary(u => u.UserId, u => u.Via);

        var fromMsp = await msp.Api.GetAsync($"/api/v1/credentials/{id}/access").ReadAsync<List<TenantAccessView>>(HttpStatusCode.OK);
        fromMsp.Select(t => t.TenantId).ShouldBe([family.MspId, site.Id]);
        Users(fromMsp[0]).ShouldBe(new Dictionary<Guid, string> { [family.Msp.AdminId] = "admin", [family["tech"].UserId] = "owner-tenant" }, ignoreOrder: true);
        Users(fromMsp[1]).ShouldBe(new Dictionary<Guid, string> { [site.Admin.UserId] = "admin", [family["insider"].UserId] = "group:Site IT" }, ignoreOrder: true);
        fromMsp[1].RestrictedByFolder.ShouldBeFalse();

        // the site files it in a restricted folder; the site sees its own tenant only, and a member may not ask
        await site.Admin.Api.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { id }, folderId = itOnly }).ReadAsync<MoveAnswer>(HttpStatusCode.OK);
        var fromSite = await site.Admin.Api.GetAsync($"/api/v1/credentials/{id}/access").ReadAsync<List<TenantAccessView>>(HttpStatusCode.OK);
        fromSite.Select(t => t.TenantId).ShouldBe([site.Id]);
        fromSite[0].RestrictedByFolder.ShouldBeTrue();
        await family["insider"].Api.GetAsync($"/api/v1/credentials/{id}/access").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await family["outsider"].Api.GetAsync($"/api/v1/credentials/{id}/access").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await family.Client("Client B").Admin.Api.GetAsync($"/api/v1/credentials/{id}/access").ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BulkSharingTests_Sqlite(SqliteApp app) : BulkSharingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BulkSharingTests_Postgres(PostgresApp app) : BulkSharingTests(app);
