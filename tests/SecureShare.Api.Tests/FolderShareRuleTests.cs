using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Folder share rules (origin side): what is in the folder, and its subfolders, is shared with the client by the rule;
/// moved out or the rule removed, it stops as any stop does, unless shared by hand too. The target sees credentials only.
/// </summary>
public abstract class FolderShareRuleTests(TestApp app) : DatabaseTest(app)
{
    private static string Rule(Guid folder, Guid target) => $"/api/v1/folders/{folder}/share-rules/{target}";

    private static Task<Guid> FolderAsync(HttpClient client, string name, Guid? parentId = null) =>
        client.PostAsJsonAsync("/api/v1/folders", new { name, parentId }).CreatedIdAsync();

    private static Task<Guid> CredentialAsync(HttpClient client, string name, Guid? folderId) =>
        client.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret = $"secret of {name}", folderId }).CreatedIdAsync();

    private static async Task<Dictionary<Guid, string>> OutcomesAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("credentialId").GetGuid(), r => r.GetProperty("outcome").GetString()!);

    [Fact]
    public async Task A_rule_shares_what_is_created_in_its_folder_stops_what_is_moved_out_and_its_removal_preview_lists_who_loses_access()
    {
        var family = await App.Family().With("tech", "Technician").Client("Contoso", c => c.With("insider", "Member").With("outsider", "Member").Group("Site IT", "insider")).BuildAsync();
        var (msp, site, tech) = (family.Admin.Api, family.Client("Contoso"), family["tech"].Api);
        var contoso = await FolderAsync(msp, "Contoso");
        var network = await FolderAsync(msp, "Network", contoso);
        var before = await CredentialAsync(msp, "Existing router", network);
        var byHand = await CredentialAsync(msp, "Shared by hand", contoso);
        await msp.PutAsJsonAsync($"/api/v1/credentials/{byHand}/shares/{site.Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" }).ReadJsonAsync(HttpStatusCode.OK);
        var terms = new { enabled = true, audience = new { everyone = false, groupIds = new[] { site.Groups["Site IT"] } }, permission = "Edit", dryRun = true };

        // the preview names who gains access and changes nothing
        var preview = await msp.PutAsJsonAsync(Rule(contoso, site.Id), terms).ReadJsonAsync(HttpStatusCode.OK);
        preview.GetProperty("accessChanges").GetProperty("gaining").EnumerateArray().Select(g => g.GetProperty("userId").GetGuid()).ShouldBe([site.Admin.UserId, family["insider"].UserId], ignoreOrder: true);
        (await site.Admin.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([byHand]);

        var saved = await OutcomesAsync(await msp.PutAsJsonAsync(Rule(contoso, site.Id), terms with { dryRun = false }));
        saved.ShouldBe(new Dictionary<Guid, string> { [before] = "shared", [byHand] = "unchanged" });

        // created in a subfolder by a technician: shared by the rule; the site's insider sees it, the outsider does not
        var created = await CredentialAsync(tech, "New switch", network);
        (await family["insider"].Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([before, byHand, created], ignoreOrder: true);
        (await family["outsider"].Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([byHand]);
        var shares = await msp.GetAsync($"/api/v1/credentials/{created}/shares").ReadJsonAsync(HttpStatusCode.OK);
        shares[0].GetProperty("permission").GetString().ShouldBe("Edit");
        shares[0].GetProperty("byRule").GetBoolean().ShouldBeTrue();

        // moved out of the folder: the rule's share stops and the credential needs rotation; the one shared by hand stays
        var moved = await msp.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { created, byHand }, folderId = (Guid?)null }).ReadJsonAsync(HttpStatusCode.OK);
        moved.GetProperty("results").EnumerateArray().ShouldAllBe(r => r.GetProperty("outcome").GetString() == "moved");
        (await site.Admin.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([before, byHand], ignoreOrder: true);
        (await msp.GetAsync($"/api/v1/credentials/{created}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
        (await msp.GetAsync($"/api/v1/credentials/{created}/shares").ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        // moved back in: shared again; the removal preview lists who loses access, then removing stops what the rule alone shared
        await msp.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { created, byHand }, folderId = network }).ReadJsonAsync(HttpStatusCode.OK);
        var removal = await msp.PutAsJsonAsync(Rule(contoso, site.Id), new { enabled = false, dryRun = true }).ReadJsonAsync(HttpStatusCode.OK);
        removal.GetProperty("accessChanges").GetProperty("losing").EnumerateArray().ToDictionary(l => l.GetProperty("userId").GetGuid(), l => l.GetProperty("credentials").GetInt32())
            .ShouldBe(new Dictionary<Guid, int> { [site.Admin.UserId] = 2, [family["insider"].UserId] = 2 }, ignoreOrder: true);
        removal.GetProperty("accessChanges").GetProperty("gaining").GetArrayLength().ShouldBe(0);

        var removed = await OutcomesAsync(await msp.PutAsJsonAsync(Rule(contoso, site.Id), new { enabled = false }));
        removed.ShouldBe(new Dictionary<Guid, string> { [before] = "stopped", [created] = "stopped", [byHand] = "unchanged" });
        (await site.Admin.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([byHand]);
        foreach (var log in new[] { msp, site.Admin.Api })
        {
            (await log.GetAsync($"/api/v1/audit?credentialId={before}&type=share.stopped").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task The_targets_admin_chooses_the_folder_a_rules_credentials_arrive_in_and_neither_side_sees_the_others_folders()
    {
        var family = await App.Family().Client("Contoso").Client("Fabrikam").BuildAsync();
        var (msp, site) = (family.Admin.Api, family.Client("Contoso"));
        var folder = await FolderAsync(msp, "Contoso clients");
        await msp.PutAsJsonAsync(Rule(folder, site.Id), new { enabled = true, audience = new { everyone = true }, permission = "View" }).ReadJsonAsync(HttpStatusCode.OK);

        var incoming = (await site.Admin.Api.GetAsync("/api/v1/incoming-share-rules").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ShouldHaveSingleItem();
        incoming.GetProperty("originTenantId").GetGuid().ShouldBe(family.MspId);
        incoming.GetProperty("folderId").ValueKind.ShouldBe(JsonValueKind.Null);
        incoming.ToString().ShouldNotContain("Contoso clients");
        var ruleId = incoming.GetProperty("ruleId").GetGuid();
        var arrivals = await FolderAsync(site.Admin.Api, "From our MSP");
        await family.Client("Fabrikam").Admin.Api.PutAsJsonAsync($"/api/v1/incoming-share-rules/{ruleId}", new { folderId = (Guid?)null }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await site.Admin.Api.PutAsJsonAsync($"/api/v1/incoming-share-rules/{ruleId}", new { folderId = folder }).ShouldBeProblemAsync(HttpStatusCode.NotFound); // the MSP's folder is none of the site's
        await site.Admin.Api.PutAsJsonAsync($"/api/v1/incoming-share-rules/{ruleId}", new { folderId = arrivals }).ReadJsonAsync(HttpStatusCode.OK);

        await CredentialAsync(msp, "Printer", folder);

        (await site.Admin.Api.CredentialsAsync()).ShouldHaveSingleItem().FolderId.ShouldBe(arrivals);
        (await site.Admin.Api.GetAsync("/api/v1/folders").ReadJsonAsync(HttpStatusCode.OK)).ToString().ShouldNotContain("Contoso clients");
        (await msp.CredentialsAsync()).ShouldHaveSingleItem().FolderId.ShouldBe(folder);
        var rules = (await msp.GetAsync($"/api/v1/folders/{folder}/share-rules").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ShouldHaveSingleItem();
        (rules.GetProperty("targetTenantId").GetGuid(), rules.GetProperty("credentials").GetInt32()).ShouldBe((site.Id, 1));
        rules.ToString().ShouldNotContain("From our MSP");
    }

    [Fact]
    public async Task Deleting_a_folder_ends_its_rule_and_what_the_rule_alone_shared_unless_a_rule_above_shares_it()
    {
        var family = await App.Family().Client("Contoso").BuildAsync();
        var (msp, site) = (family.Admin.Api, family.Client("Contoso"));
        var outer = await FolderAsync(msp, "Clients");
        var inner = await FolderAsync(msp, "Contoso", outer);
        var lone = await FolderAsync(msp, "Loose ends");
        var underInner = await CredentialAsync(msp, "Router", inner);
        var underLone = await CredentialAsync(msp, "Old NAS", lone);
        var everyone = new { enabled = true, audience = new { everyone = true }, permission = "View" };
        foreach (var folder in new[] { outer, inner, lone })
        {
            await msp.PutAsJsonAsync(Rule(folder, site.Id), everyone).ReadJsonAsync(HttpStatusCode.OK);
        }

        (await site.Admin.Api.GetAsync("/api/v1/incoming-share-rules").ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(3);

        (await msp.DeleteAsync($"/api/v1/folders/{inner}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await msp.DeleteAsync($"/api/v1/folders/{lone}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await site.Admin.Api.GetAsync("/api/v1/incoming-share-rules").ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(1, "only the outer folder's rule is left");
        (await site.Admin.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([underInner], "the router is now in Clients, whose rule shares it; the NAS is at the top");
        (await msp.GetAsync($"/api/v1/credentials/{underLone}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
        (await msp.GetAsync($"/api/v1/audit?type=share.rule.removed").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Rule_requests_of_a_non_admin_or_for_another_tenants_folder_or_client_are_refused_and_change_nothing()
    {
        var family = await App.Family().With("tech", "Technician").Client("Contoso").BuildAsync();
        var other = await App.Family().Client("Fabrikam").BuildAsync();
        var msp = family.Admin.Api;
        var folder = await FolderAsync(msp, "Contoso");
        var everyone = new { enabled = true, audience = new { everyone = true }, permission = "View" };
        var before = await SnapshotRowCountsAsync();

        await family["tech"].Api.PutAsJsonAsync(Rule(folder, family.Client("Contoso").Id), everyone).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await other.Admin.Api.PutAsJsonAsync(Rule(folder, other.Client("Fabrikam").Id), everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await msp.PutAsJsonAsync(Rule(folder, other.Client("Fabrikam").Id), everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await msp.PutAsJsonAsync(Rule(Guid.NewGuid(), family.Client("Contoso").Id), everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var bad = await msp.PutAsJsonAsync(Rule(folder, family.Client("Contoso").Id), new { enabled = true, permission = "View" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain("audience");

        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FolderShareRuleTests_Sqlite(SqliteApp app) : FolderShareRuleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FolderShareRuleTests_Postgres(PostgresApp app) : FolderShareRuleTests(app);
