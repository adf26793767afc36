using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class FolderTests(TestApp app) : DatabaseTest(app)
{
    private sealed record Tenant(Msp Msp, HttpClient Admin, HttpClient Technician);

    private async Task<Tenant> TenantAsync()
    {
        var family = await App.Family().With("tech", "Technician").BuildAsync();
        return new Tenant(family.Msp, family.Admin.Api, family["tech"].Api);
    }

    private static Task<Guid> FolderAsync(HttpClient admin, string name, Guid? parentId = null, Guid[]? groupIds = null) =>
        admin.PostAsJsonAsync("/api/v1/folders", new { name, parentId, groupIds }).CreatedIdAsync();

    private static Task<Guid> CredentialAsync(HttpClient client, string name, Guid? folderId = null, string[]? tags = null) =>
        client.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret = "s3cret", folderId, tags, username = $"{name}-user" }).CreatedIdAsync();

    private static Task<IReadOnlyList<CredentialItem>> ListAsync(HttpClient client, string query = "") => client.CredentialsAsync(query);

    private static Task<List<FolderView>> FoldersAsync(HttpClient client) => client.GetAsync("/api/v1/folders").ReadAsync<List<FolderView>>(HttpStatusCode.OK);

    [Fact]
    public async Task Folder_names_are_unique_among_siblings_only()
    {
        var t = await TenantAsync();
        var clients = await FolderAsync(t.Admin, "Clients");
        await FolderAsync(t.Admin, "Network", clients);
        await FolderAsync(t.Admin, "Network");

        await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = "network", parentId = clients }).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = "CLIENTS" }).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await FoldersAsync(t.Admin)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_folder_cannot_move_into_itself_or_below_itself()
    {
        var t = await TenantAsync();
        var a = await FolderAsync(t.Admin, "A");
        var b = await FolderAsync(t.Admin, "B", a);
        var c = await FolderAsync(t.Admin, "C", b);
        var before = await SnapshotRowCountsAsync();

        await t.Admin.PatchAsJsonAsync($"/api/v1/folders/{a}", new { parentId = c }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.PatchAsJsonAsync($"/api/v1/folders/{a}", new { parentId = a }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.PatchAsJsonAsync($"/api/v1/folders/{a}", new { parentId = Guid.NewGuid() }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SnapshotRowCountsAsync()).ShouldBe(before);

        var moved = await t.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/folders/{c}", "{\"parentId\": null, \"name\": \"C at root\"}").ReadAsync<FolderView>(HttpStatusCode.OK);
        moved.ParentId.ShouldBeNull();
        moved.Name.ShouldBe("C at root");
    }

    [Fact]
    public async Task Deleting_a_folder_moves_its_contents_to_its_parent_and_deletes_no_credential()
    {
        var t = await TenantAsync();
        var a = await FolderAsync(t.Admin, "A");
        var b = await FolderAsync(t.Admin, "B", a);
        var c = await FolderAsync(t.Admin, "C", b);
        var credential = await CredentialAsync(t.Technician, "Printer", b);

        (await t.Admin.DeleteAsync($"/api/v1/folders/{b}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var folders = await FoldersAsync(t.Admin);
        folders.Single(f => f.Id == c).ParentId.ShouldBe(a);
        folders.ShouldNotContain(f => f.Id == b);
        (await t.Admin.GetAsync($"/api/v1/credentials/{credential}").ReadAsync<CredentialItem>(HttpStatusCode.OK)).FolderId.ShouldBe(a);
    }

    [Fact]
    public async Task A_member_of_group_A_cannot_list_get_or_reveal_what_group_B_restricts_but_an_admin_can()
    {
        var t = await TenantAsync();
        var memberA = Api.UniqueEmail("member-a");
        var memberB = Api.UniqueEmail("member-b");
        var idA = await t.Admin.CreateUserAsync(memberA, "Member");
        var idB = await t.Admin.CreateUserAsync(memberB, "Member");
        var groupA = await t.Admin.PostAsJsonAsync("/api/v1/groups", new { name = "A", memberIds = new[] { idA } }).CreatedIdAsync();
        var groupB = await t.Admin.PostAsJsonAsync("/api/v1/groups", new { name = "B", memberIds = new[] { idB } }).CreatedIdAsync();
        var folderB = await FolderAsync(t.Admin, "Finance", groupIds: [groupB]);
        var inherited = await FolderAsync(t.Admin, "Payroll", folderB);
        var own = await FolderAsync(t.Admin, "Shared with A", folderB, [groupA]);
        var secretB = await CredentialAsync(t.Admin, "Bank", folderB);
        var deeperB = await CredentialAsync(t.Admin, "Payroll portal", inherited);
        var forA = await CredentialAsync(t.Admin, "Auditor login", own);
        var open = await CredentialAsync(t.Technician, "Guest wifi");
        var a = await App.ClientForAsync(memberA);
        var b = await App.ClientForAsync(memberB);

        (await ListAsync(a)).Select(e => e.Id).ShouldBe([forA, open], ignoreOrder: true);
        (await ListAsync(b)).Select(e => e.Id).ShouldBe([secretB, open, deeperB], ignoreOrder: true);
        (await ListAsync(t.Admin)).Count.ShouldBe(4);
        foreach (var hidden in new[] { secretB, deeperB })
        {
            await a.GetAsync($"/api/v1/credentials/{hidden}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await a.GetAsync($"/api/v1/credentials/{hidden}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await a.GetAsync($"/api/v1/credentials/{hidden}/versions").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await b.GetAsync($"/api/v1/credentials/{secretB}/secret").ReadAsync<SecretValues>(HttpStatusCode.OK)).Secret.ShouldBe("s3cret");
        (await t.Admin.GetAsync($"/api/v1/credentials/{secretB}/secret")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FoldersAsync(a)).Select(f => f.Id).ShouldBe([own]);

        // lifting the restriction opens it to everyone
        (await t.Admin.PatchAsJsonAsync($"/api/v1/folders/{folderB}", new { groupIds = Array.Empty<Guid>() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListAsync(a)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_technician_outside_a_restricting_group_can_neither_place_nor_move_a_credential_into_its_folder()
    {
        var t = await TenantAsync();
        var member = await t.Admin.CreateUserAsync(Api.UniqueEmail("member-b"), "Member");
        var groupB = await t.Admin.PostAsJsonAsync("/api/v1/groups", new { name = "B", memberIds = new[] { member } }).CreatedIdAsync();
        var folderB = await FolderAsync(t.Admin, "Finance", groupIds: [groupB]);
        var open = await CredentialAsync(t.Technician, "Guest wifi");

        await t.Technician.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Sneaky", secret = "s", folderId = folderB })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Technician.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { open }, folderId = folderB })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ListAsync(t.Admin, $"&folderId={folderB}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_an_admin_may_move_a_credential_into_or_out_of_a_group_restricted_folder()
    {
        var t = await TenantAsync();
        var techId = (await t.Technician.GetAsync("/api/v1/me").ReadAsync<Me>(HttpStatusCode.OK)).UserId;
        var finance = await t.Admin.PostAsJsonAsync("/api/v1/groups", new { name = "Finance", memberIds = new[] { techId } }).CreatedIdAsync();
        var restricted = await FolderAsync(t.Admin, "Finance", groupIds: [finance]);
        var inherited = await FolderAsync(t.Admin, "Payroll", restricted);
        var open = await FolderAsync(t.Admin, "Everyone's");
        var outside = await CredentialAsync(t.Technician, "Guest wifi");
        var inside = await CredentialAsync(t.Technician, "Bank", restricted);

        async Task<Dictionary<Guid, ItemOutcome>> MoveAsync(HttpClient who, Guid? folderId, params Guid[] ids) =>
            (await who.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = ids, folderId }).ReadAsync<MoveAnswer>(HttpStatusCode.OK))
            .Results.ToDictionary(r => r.CredentialId);

        var into = await MoveAsync(t.Technician, restricted, outside);
        var outOf = await MoveAsync(t.Technician, open, inside);
        foreach (var refused in new[] { into[outside], outOf[inside] })
        {
            refused.Outcome.ShouldBe("refused");
            refused.Reason.ShouldBe("only an Admin may move a credential into or out of a group-restricted folder");
        }

        (await ListAsync(t.Admin, "&folderId=root")).Single().Id.ShouldBe(outside);
        (await ListAsync(t.Admin, $"&folderId={restricted}")).Single().Id.ShouldBe(inside);
        var denied = (await t.Admin.GetAsync("/api/v1/audit?type=access.denied").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items;
        denied.Count.ShouldBe(2);
        denied.ShouldAllBe(e => e.Outcome == "Denied");

        // within one restriction nobody new sees it, so a technician may; an admin may move it anywhere
        (await MoveAsync(t.Technician, inherited, inside))[inside].Outcome.ShouldBe("moved");
        (await MoveAsync(t.Admin, null, inside))[inside].Outcome.ShouldBe("moved");
        (await MoveAsync(t.Admin, restricted, outside))[outside].Outcome.ShouldBe("moved");
    }

    [Fact]
    public async Task Bulk_move_reports_every_item_and_moves_only_in_the_callers_tree()
    {
        var t = await TenantAsync();
        var other = await App.SignupMspAsync();
        var foreign = await CredentialAsync(await App.ClientForAsync(other.AdminEmail), "Not yours");
        var target = await FolderAsync(t.Admin, "Servers");
        var one = await CredentialAsync(t.Technician, "One");
        var two = await CredentialAsync(t.Technician, "Two", target);
        var unknown = Guid.NewGuid();

        var response = await t.Technician.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { one, two, foreign, unknown }, folderId = target })
            .ReadAsync<MoveAnswer>(HttpStatusCode.OK);
        var outcomes = response.Results.ToDictionary(r => r.CredentialId, r => r.Outcome);
        outcomes[one].ShouldBe("moved");
        outcomes[two].ShouldBe("unchanged");
        outcomes[foreign].ShouldBe("refused");
        outcomes[unknown].ShouldBe("refused");
        (await ListAsync(t.Admin, $"&folderId={target}")).Count.ShouldBe(2);
        (await ListAsync(await App.ClientForAsync(other.AdminEmail), "&folderId=root")).Single().Id.ShouldBe(foreign);

        (await t.Technician.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { one }, folderId = (Guid?)null }).ReadAsync<MoveAnswer>(HttpStatusCode.OK))
            .Results[0].Outcome.ShouldBe("moved");
        (await ListAsync(t.Admin, "&folderId=root")).Single().Id.ShouldBe(one);
    }

    [Fact]
    public async Task Bad_folder_and_move_input_answers_400_or_404_and_changes_nothing()
    {
        var t = await TenantAsync();
        var other = await App.SignupMspAsync();
        var foreignFolder = await FolderAsync(await App.ClientForAsync(other.AdminEmail), "Theirs");
        var one = await CredentialAsync(t.Technician, "One");
        var before = await SnapshotRowCountsAsync();

        await t.Technician.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { one }, folderId = foreignFolder }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Technician.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "x", secret = "s", folderId = foreignFolder }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = "Sub", parentId = foreignFolder }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Admin.PatchAsJsonAsync($"/api/v1/folders/{foreignFolder}", new { name = "Mine now" }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Admin.DeleteAsync($"/api/v1/folders/{foreignFolder}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Technician.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = Enumerable.Range(0, 10_001).Select(_ => Guid.NewGuid()), folderId = (Guid?)null })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Technician.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = Array.Empty<Guid>() }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = "a/b" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = new string('f', 101) }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = "Grouped", groupIds = new[] { Guid.NewGuid() } }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/folders/{Guid.NewGuid()}", "{\"parentId\": 12}").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/folders/{Guid.NewGuid()}", "{}").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.GetAsync("/api/v1/credentials?folderId=nope").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Admin.GetAsync("/api/v1/credentials?sharing=sideways").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Technician.PostAsJsonAsync("/api/v1/folders", new { name = "Tech folder" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var after = (await SnapshotRowCountsAsync()).Split(',');
        after[5..].ShouldBe(before.Split(',')[5..]);
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_without_secrets()
    {
        var t = await TenantAsync();
        var folder = await FolderAsync(t.Admin, "Network");
        var names = new[] { "delta", "Alpha", "charlie", "Bravo", "echo" };
        var ids = new Dictionary<string, Guid>();
        foreach (var name in names)
        {
            ids[name] = await CredentialAsync(t.Technician, name, name == "echo" ? folder : null, name is "Alpha" or "echo" ? ["Core"] : null);
        }

        await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{ids["Bravo"]}", new { url = "https://bravo.example" });

        (await ListAsync(t.Admin)).Select(e => e.Name).ShouldBe(["Alpha", "Bravo", "charlie", "delta", "echo"]);
        (await ListAsync(t.Admin, "&q=BRAVO.EX")).Single().Id.ShouldBe(ids["Bravo"]);
        (await ListAsync(t.Admin, "&q=charlie-user")).Single().Id.ShouldBe(ids["charlie"]);
        (await ListAsync(t.Admin, "&tag=core")).Select(e => e.Name).ShouldBe(["Alpha", "echo"]);
        (await ListAsync(t.Admin, $"&folderId={folder}")).Single().Name.ShouldBe("echo");
        (await ListAsync(t.Admin, "&folderId=root")).Count.ShouldBe(4);
        (await ListAsync(t.Admin, "&sharing=none")).Count.ShouldBe(5);
        (await ListAsync(t.Admin, "&sharing=out")).ShouldBeEmpty();
        (await ListAsync(t.Admin, "&needsRotation=true")).ShouldBeEmpty();
        var first = (await ListAsync(t.Admin)).First();
        first.Tags.ShouldBe(["Core"]);
        first.Permission.ShouldBe("Edit");
        first.Origin.TenantId.ShouldBe(t.Msp.TenantId);
        (await t.Admin.GetStringAsync("/api/v1/credentials?limit=500")).ShouldNotContain("s3cret");

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await t.Admin.GetAsync($"/api/v1/credentials?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}").ReadAsync<PageOf<CredentialItem>>(HttpStatusCode.OK);
            walked.AddRange(page.Items.Select(e => e.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        walked.ShouldBe(["Alpha", "Bravo", "charlie", "delta", "echo"]);
    }

    [Fact]
    public async Task A_list_page_is_one_sql_query_whatever_its_size_and_position()
    {
        var t = await TenantAsync();
        var folder = await FolderAsync(t.Admin, "Bulk");
        for (var i = 0; i < 60; i++)
        {
            await CredentialAsync(t.Technician, $"Device {i:D3}", i % 2 == 0 ? folder : null, ["fleet"]);
        }

        var member = Api.UniqueEmail("member");
        await t.Admin.CreateUserAsync(member, "Member");
        var memberClient = await App.ClientForAsync(member);
        var mid = (await t.Admin.GetAsync("/api/v1/credentials?limit=25").ReadAsync<PageOf<CredentialItem>>(HttpStatusCode.OK)).NextCursor;
        foreach (var (client, query) in new[]
        {
            (t.Admin, "limit=1"),
            (t.Admin, "limit=500"),
            (t.Admin, $"limit=25&cursor={mid}"),
            (t.Admin, "limit=25&sort=-updated&tag=fleet"),
            (memberClient, $"limit=50&tag=fleet&q=device&folderId={folder}&needsRotation=false&sharing=none"),
        })
        {
            (await client.GetAsync($"/api/v1/credentials?{query}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            App.LastRequestSqlCommands("/api/v1/credentials").ShouldBe(2, "the session check and the page, nothing more");
        }
    }

    [Fact]
    public async Task Every_sort_pages_through_all_credentials_once_in_its_order()
    {
        var t = await TenantAsync();
        var names = new[] { "delta", "Alpha", "charlie", "bravo", "echo" };
        var ids = new List<Guid>();
        foreach (var name in names)
        {
            ids.Add(await CredentialAsync(t.Technician, name, null, []));
        }

        // a change moves "charlie" to the newest
        await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{ids[2]}", new { username = "changed" }).ReadAsync<CredentialItem>(HttpStatusCode.OK);

        async Task<List<string>> AllAsync(string sort)
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await t.Admin.GetAsync($"/api/v1/credentials?limit=2&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}")).ReadAsync<PageOf<CredentialItem>>(HttpStatusCode.OK);
                seen.AddRange(page.Items.Select(i => i.Name));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            return seen;
        }

        (await AllAsync("name")).ShouldBe(["Alpha", "bravo", "charlie", "delta", "echo"]);
        (await AllAsync("-name")).ShouldBe(["echo", "delta", "charlie", "bravo", "Alpha"]);
        (await AllAsync("updated")).ShouldBe(["delta", "Alpha", "bravo", "echo", "charlie"]);
        (await AllAsync("-updated")).ShouldBe(["charlie", "echo", "bravo", "Alpha", "delta"]);

        await t.Admin.GetAsync("/api/v1/credentials?sort=size").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var byName = (await t.Admin.GetAsync("/api/v1/credentials?limit=1").ReadAsync<PageOf<CredentialItem>>(HttpStatusCode.OK)).NextCursor;
        await t.Admin.GetAsync($"/api/v1/credentials?sort=updated&cursor={byName}").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FolderTests_Sqlite(SqliteApp app) : FolderTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FolderTests_Postgres(PostgresApp app) : FolderTests(app);
