using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A share that grants Manage lets the target's Admins choose who inside their tenant sees the credential (Psono's Grant,
/// mSecure's Admin); the origin sees the result in its effective-access view and can still stop the share.
/// </summary>
public abstract class ManageShareTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_Manage_targets_admin_sets_the_audience_in_their_tenant_and_the_origin_sees_it_in_effective_access()
    {
        var family = await App.Family()
            .Client("Client A", a => a.With("insider", "Member").With("outsider", "Member").With("sitetech", "Technician").Group("Site IT", "insider"))
            .BuildAsync();
        var (msp, site) = (family.Admin, family.Client("Client A"));
        var id = (await msp.Api.CreateCredentialsAsync(1))[0];
        await msp.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{site.Id}",
            new { enabled = true, audience = new { everyone = false, userIds = new[] { family["outsider"].UserId } }, permission = "Manage" }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);
        (await family["outsider"].Api.CredentialsAsync()).ShouldHaveSingleItem();

        var audience = await site.Admin.Api.PutAsJsonAsync($"/api/v1/incoming-shares/{id}/audience", new { everyone = false, groupIds = new[] { site.Groups["Site IT"] } })
            .ReadJsonAsync(HttpStatusCode.OK);

        audience.GetProperty("everyone").GetBoolean().ShouldBeFalse();
        (await family["insider"].Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([id]);
        (await family["outsider"].Api.CredentialsAsync()).ShouldBeEmpty();
        (await family["sitetech"].Api.GetAsync($"/api/v1/credentials/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var fromMsp = await msp.Api.GetAsync($"/api/v1/credentials/{id}/access").ReadAsync<List<TenantAccessView>>(HttpStatusCode.OK);
        fromMsp[1].Users.ToDictionary(u => u.UserId, u => u.Via).ShouldBe(
            new Dictionary<Guid, string> { [site.Admin.UserId] = "admin", [family["insider"].UserId] = "group:Site IT" }, ignoreOrder: true);
        var share = (await msp.Api.GetAsync($"/api/v1/credentials/{id}/shares").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ShouldHaveSingleItem();
        share.GetProperty("permission").GetString().ShouldBe("Manage");
        share.GetProperty("audience").GetProperty("groupIds")[0].GetGuid().ShouldBe(site.Groups["Site IT"]);
        foreach (var log in new[] { msp.Api, site.Admin.Api })
        {
            (await log.GetAsync($"/api/v1/audit?credentialId={id}&type=share.updated").ReadJsonAsync(HttpStatusCode.OK)).ToString().ShouldContain("\"by\":\"target\"");
        }

        // the origin can still stop it, and a Manage share is an Edit share for the site's technicians' changes
        await msp.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{site.Id}", new { enabled = false }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);
        (await family["insider"].Api.CredentialsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_a_Manage_shares_target_Admin_sets_its_audience_and_bad_audiences_change_nothing()
    {
        var family = await App.Family().Client("Client A", a => a.With("sitetech", "Technician")).Client("Client B", b => b.With("other", "Member")).BuildAsync();
        var (msp, site) = (family.Admin, family.Client("Client A"));
        var (viewed, managed) = ((await msp.Api.CreateCredentialsAsync(2))[0], (await msp.Api.CredentialsAsync()).Select(c => c.Id).Last());
        foreach (var (id, permission) in new[] { (viewed, "Edit"), (managed, "Manage") })
        {
            await msp.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{site.Id}", new { enabled = true, audience = new { everyone = true }, permission }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);
        }

        string Audience(Guid id) => $"/api/v1/incoming-shares/{id}/audience";
        var everyone = new { everyone = true };
        (await site.Admin.Api.PutAsJsonAsync(Audience(viewed), everyone).ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("Manage");
        await family["sitetech"].Api.PutAsJsonAsync(Audience(managed), everyone).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await msp.Api.PutAsJsonAsync(Audience(managed), everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound); // the origin's own credential is no incoming share
        await family.Client("Client B").Admin.Api.PutAsJsonAsync(Audience(managed), everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var before = await SnapshotRowCountsAsync();

        var empty = await site.Admin.Api.PutAsJsonAsync(Audience(managed), new { everyone = false }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        empty.GetProperty("errors").GetProperty("audience")[0].GetString()!.ShouldContain("at least one user or group");
        await site.Admin.Api.PutAsJsonAsync(Audience(managed), new { everyone = false, userIds = new[] { family["other"].UserId } }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await site.Admin.Api.PutAsync(Audience(managed), new StringContent("{\"everyone\":", System.Text.Encoding.UTF8, "application/json")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ManageShareTests_Sqlite(SqliteApp app) : ManageShareTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ManageShareTests_Postgres(PostgresApp app) : ManageShareTests(app);
