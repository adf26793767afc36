using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class SharingTests(TestApp app) : DatabaseTest(app)
{
    private static Task<List<JsonElement>> ListAsync(HttpClient client, string query = "") => client.ListCredentialsAsync(query);

    private static List<string?> EventTypes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

    [Fact]
    public async Task Seed_scenario_share_with_a_client_group_file_it_there_and_stop_sharing()
    {
        // An MSP with a technician; client A with a site admin, a member of "Site IT" and a member outside it.
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var techEmail = Api.UniqueEmail("msp-tech");
        await mspAdmin.CreateUserAsync(techEmail, "Technician");
        var tech = await App.ClientForAsync(techEmail);
        var (clientA, siteAdmin, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var insiderEmail = Api.UniqueEmail("insider");
        var outsiderEmail = Api.UniqueEmail("outsider");
        var insiderId = await siteAdmin.CreateUserAsync(insiderEmail, "Member");
        await siteAdmin.CreateUserAsync(outsiderEmail, "Member");
        var siteIt = (await siteAdmin.PostAsJsonAsync("/api/v1/groups", new { name = "Site IT", memberIds = new[] { insiderId } })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var insider = await App.ClientForAsync(insiderEmail);
        var outsider = await App.ClientForAsync(outsiderEmail);
        var mspFolder = (await mspAdmin.PostAsJsonAsync("/api/v1/folders", new { name = "Client A" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var id = (await tech.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Front desk PC", secret = "fd-secret-1", folderId = mspFolder })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // The technician shares it with client A's "Site IT" group, view only.
        var shared = await tech.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}",
            new { enabled = true, audience = new { everyone = false, groupIds = new[] { siteIt } }, permission = "View" }).ReadJsonAsync(HttpStatusCode.OK);
        shared.GetProperty("outcome").GetString().ShouldBe("shared");

        // A member of the group sees and reveals it; a member outside it gets 404; the site admin sees it.
        var seen = (await ListAsync(insider)).Single();
        seen.GetProperty("sharing").GetProperty("state").GetString().ShouldBe("in");
        seen.GetProperty("origin").GetProperty("tenantId").GetGuid().ShouldBe(msp.TenantId);
        seen.GetProperty("permission").GetString().ShouldBe("View");
        seen.GetProperty("folderId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await insider.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("secret").GetString().ShouldBe("fd-secret-1");
        (await ListAsync(outsider)).ShouldBeEmpty();
        await outsider.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await outsider.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ListAsync(siteAdmin)).Count.ShouldBe(1);

        // The site admin files it in a folder of their own; the MSP side's placement does not move.
        var clientFolder = (await siteAdmin.PostAsJsonAsync("/api/v1/folders", new { name = "From our MSP" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await siteAdmin.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { id }, folderId = clientFolder }).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("results")[0].GetProperty("outcome").GetString().ShouldBe("moved");
        (await siteAdmin.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("folderId").GetGuid().ShouldBe(clientFolder);
        var mspView = await tech.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK);
        mspView.GetProperty("folderId").GetGuid().ShouldBe(mspFolder);
        mspView.GetProperty("sharing").GetProperty("state").GetString().ShouldBe("out");
        mspView.GetProperty("sharing").GetProperty("tenantCount").GetInt32().ShouldBe(1);

        // The target side can neither change nor delete the credential.
        await siteAdmin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "changed by the client" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await siteAdmin.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // The MSP stops sharing: client A no longer sees it; the MSP side shows it needs rotation.
        var stopped = await tech.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        stopped.GetProperty("outcome").GetString().ShouldBe("stopped");
        stopped.GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
        (await ListAsync(siteAdmin)).ShouldBeEmpty();
        (await ListAsync(insider)).ShouldBeEmpty();
        await insider.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var afterStop = (await ListAsync(tech, "&needsRotation=true")).Single();
        afterStop.GetProperty("id").GetGuid().ShouldBe(id);
        afterStop.GetProperty("sharing").GetProperty("state").GetString().ShouldBe("none");

        // Both audit logs hold the share's life.
        EventTypes(await mspAdmin.GetAsync($"/api/v1/audit?credentialId={id}&limit=500").ReadJsonAsync(HttpStatusCode.OK))
            .ShouldBe(["share.stopped", "credential.revealed", "share.created", "credential.created"], ignoreOrder: true);
        var clientSide = EventTypes(await siteAdmin.GetAsync($"/api/v1/audit?credentialId={id}&limit=500").ReadJsonAsync(HttpStatusCode.OK));
        clientSide.ShouldContain("share.received");
        clientSide.ShouldContain("share.stopped");
        clientSide.ShouldContain("credential.revealed");
        clientSide.ShouldContain("placement.moved");
    }

    [Fact]
    public async Task A_client_shares_with_its_msp_but_never_with_another_client_or_another_msp()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var (clientB, siteB, _) = await App.CreateClientTenantAsync(mspAdmin, "Client B");
        var otherMsp = await App.SignupMspAsync();
        var id = (await siteA.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Alarm panel", secret = "alarm-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var before = await SnapshotRowCountsAsync();
        var terms = new { enabled = true, audience = new { everyone = true }, permission = "View" };

        await siteA.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientB}", terms).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteA.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{otherMsp.TenantId}", terms).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteA.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{Guid.NewGuid()}", terms).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteB.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{msp.TenantId}", terms).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SnapshotRowCountsAsync()).Split(',')[5..].ShouldBe(before.Split(',')[5..]);

        (await siteA.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{msp.TenantId}", terms).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("outcome").GetString().ShouldBe("shared");
        (await ListAsync(mspAdmin)).Single().GetProperty("origin").GetProperty("tenantName").GetString().ShouldBe("Client A");
        (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("secret").GetString().ShouldBe("alarm-1");
        (await ListAsync(siteB)).ShouldBeEmpty();
        await siteB.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // the MSP, a target, cannot pass it on to client B
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientB}", terms).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await ListAsync(siteB)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_target_admin_stops_a_share_on_their_side_and_the_origin_keeps_it()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var memberEmail = Api.UniqueEmail("member");
        await siteA.CreateUserAsync(memberEmail, "Member");
        var member = await App.ClientForAsync(memberEmail);
        var id = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "VPN", secret = "vpn-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = true, audience = new { everyone = true }, permission = "Edit" })
            .ReadJsonAsync(HttpStatusCode.OK);

        var shares = (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/shares").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        shares.Single().GetProperty("targetTenantName").GetString().ShouldBe("Client A");
        shares.Single().GetProperty("permission").GetString().ShouldBe("Edit");
        shares.Single().GetProperty("audience").GetProperty("everyone").GetBoolean().ShouldBeTrue();
        await siteA.GetAsync($"/api/v1/credentials/{id}/shares").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await member.DeleteAsync($"/api/v1/incoming-shares/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await mspAdmin.DeleteAsync($"/api/v1/incoming-shares/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await siteA.DeleteAsync($"/api/v1/incoming-shares/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ListAsync(siteA)).ShouldBeEmpty();
        (await ListAsync(member)).ShouldBeEmpty();
        var kept = (await ListAsync(mspAdmin)).Single();
        kept.GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
        kept.GetProperty("sharing").GetProperty("state").GetString().ShouldBe("none");
        (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/shares").ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        EventTypes(await mspAdmin.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK)).ShouldContain("share.stopped-by-target");
        EventTypes(await siteA.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK)).ShouldContain("share.stopped-by-target");
        await siteA.DeleteAsync($"/api/v1/incoming-shares/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_share_ends_by_itself_on_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App.CreateFactory(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(clock));
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var onClock = app.CreateClient();
        onClock.DefaultRequestHeaders.Authorization = mspAdmin.DefaultRequestHeaders.Authorization;
        var id = (await onClock.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Temp access", secret = "t-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await onClock.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}",
            new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt = clock.GetUtcNow().AddHours(1) }).ReadJsonAsync(HttpStatusCode.OK);

        async Task<int> ExpireAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SecureShare.Modules.Sharing.Features.Shares.ExpireShares.Command());
        }

        clock.Advance(TimeSpan.FromMinutes(59));
        (await ExpireAsync()).ShouldBe(0);
        (await ListAsync(siteA)).Count.ShouldBe(1);

        clock.Advance(TimeSpan.FromMinutes(2));
        (await ExpireAsync()).ShouldBe(1);
        (await ListAsync(siteA)).ShouldBeEmpty();
        (await ListAsync(mspAdmin)).Single().GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
        EventTypes(await mspAdmin.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK)).ShouldContain("share.expired");
        EventTypes(await siteA.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK)).ShouldContain("share.expired");
        (await ExpireAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Revocation_ends_every_share_to_and_from_a_client_or_of_given_credentials()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var techEmail = Api.UniqueEmail("tech");
        await mspAdmin.CreateUserAsync(techEmail, "Technician");
        var tech = await App.ClientForAsync(techEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var (clientB, siteB, _) = await App.CreateClientTenantAsync(mspAdmin, "Client B");
        var everyone = new { enabled = true, audience = new { everyone = true }, permission = "View" };

        async Task<Guid> SharedAsync(HttpClient owner, string name, Guid target)
        {
            var id = (await owner.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret = name + "-secret" })
                .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await owner.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{target}", everyone).ReadJsonAsync(HttpStatusCode.OK);
            return id;
        }

        var toA1 = await SharedAsync(mspAdmin, "A one", clientA);
        var toA2 = await SharedAsync(mspAdmin, "A two", clientA);
        var toB = await SharedAsync(mspAdmin, "B one", clientB);
        var fromA = await SharedAsync(siteA, "From A", msp.TenantId);

        await tech.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await mspAdmin.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = (await App.SignupMspAsync()).TenantId }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await mspAdmin.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA, credentialIds = new[] { toB } }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var offboarded = await mspAdmin.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA }).ReadJsonAsync(HttpStatusCode.OK);
        offboarded.GetProperty("revoked").GetInt32().ShouldBe(3);
        offboarded.GetProperty("credentialIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([toA1, toA2, fromA], ignoreOrder: true);
        (await ListAsync(siteA)).Select(e => e.GetProperty("id").GetGuid()).ShouldBe([fromA]);
        (await ListAsync(siteA)).Single().GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
        (await ListAsync(mspAdmin)).Select(e => e.GetProperty("id").GetGuid()).ShouldBe([toA1, toA2, toB], ignoreOrder: true);
        (await ListAsync(siteB)).Single().GetProperty("id").GetGuid().ShouldBe(toB);
        EventTypes(await siteA.GetAsync($"/api/v1/audit?credentialId={toA1}").ReadJsonAsync(HttpStatusCode.OK)).ShouldContain("share.revoked");

        var byCredential = await mspAdmin.PostAsJsonAsync("/api/v1/shares/revoke", new { credentialIds = new[] { toB, toA1 } }).ReadJsonAsync(HttpStatusCode.OK);
        byCredential.GetProperty("revoked").GetInt32().ShouldBe(1);
        (await ListAsync(siteB)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_a_shared_credential_ends_its_shares_on_both_sides()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var id = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Old server", secret = "old-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        (await ListAsync(siteA)).Count.ShouldBe(1);

        (await mspAdmin.DeleteAsync($"/api/v1/credentials/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ListAsync(siteA)).ShouldBeEmpty();
        await siteA.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        EventTypes(await siteA.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK)).ShouldContain("share.deleted");
        (await SnapshotRowCountsAsync()).Split(',')[5..9].ShouldAllBe(c => c == "0");
    }

    [Fact]
    public async Task Bad_share_terms_answer_400_or_404_change_nothing_and_are_audited()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var mspGroup = (await mspAdmin.PostAsJsonAsync("/api/v1/groups", new { name = "MSP only" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var id = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Router", secret = "r-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var before = await SnapshotRowCountsAsync();
        var url = $"/api/v1/credentials/{id}/shares/{clientA}";

        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = false, groupIds = new[] { mspGroup } }, permission = "View" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = false, userIds = new[] { msp.AdminId } }, permission = "View" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = false }, permission = "View" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = true }, permission = "Own" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync(url, new { audience = new { everyone = true }, permission = "View" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/not-a-tenant", new { enabled = false }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await SnapshotRowCountsAsync()).Split(',')[5..].ShouldBe(before.Split(',')[5..]);
        (await ListAsync(siteA)).ShouldBeEmpty();

        // the five refusals the application decided are in the MSP's log (an unknown enum or a malformed id never reaches it)
        var refusals = (await mspAdmin.GetAsync("/api/v1/audit?type=request.refused").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        refusals.Count.ShouldBe(5);
        refusals.ShouldAllBe(e => e.GetProperty("details").GetProperty("action").GetString() == "PutShare");
        refusals.Select(e => e.GetProperty("details").GetProperty("reason").GetString())
            .ShouldBe(["Invalid: enabled.", "Invalid: audience.", "Invalid: expiresAt.", "Audience user or group was not found.", "Audience user or group was not found."]);
    }

    [Fact]
    public async Task An_edit_share_lets_the_target_change_fields_and_secret_seen_on_both_sides_but_never_delete()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var (_, siteB, _) = await App.CreateClientTenantAsync(mspAdmin, "Client B");
        var memberEmail = Api.UniqueEmail("member");
        await siteA.CreateUserAsync(memberEmail, "Member");
        var member = await App.ClientForAsync(memberEmail);
        var id = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Firewall", username = "admin", secret = "fw-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var readOnly = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Printer", secret = "pr-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = true, audience = new { everyone = true }, permission = "Edit" })
            .ReadJsonAsync(HttpStatusCode.OK);
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{readOnly}/shares/{clientA}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);

        // the site admin renames it and changes the secret; both sides see both changes
        var changed = await siteA.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { name = "Firewall (site)", secret = "fw-2-by-site" }).ReadJsonAsync(HttpStatusCode.OK);
        changed.GetProperty("name").GetString().ShouldBe("Firewall (site)");
        (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("secret").GetString().ShouldBe("fw-2-by-site");
        (await mspAdmin.ListCredentialsAsync()).Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("name").GetString().ShouldBe("Firewall (site)");
        (await siteA.ListCredentialsAsync()).Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("name").GetString().ShouldBe("Firewall (site)");
        var versions = (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/versions").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        versions.Single().GetProperty("values").GetProperty("secret").GetString().ShouldBe("fw-1");

        // the origin's own change reaches the target's entry too
        await mspAdmin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { username = "root", tags = new[] { "network" } }).ReadJsonAsync(HttpStatusCode.OK);
        var seen = (await siteA.ListCredentialsAsync()).Single(c => c.GetProperty("id").GetGuid() == id);
        seen.GetProperty("username").GetString().ShouldBe("root");
        seen.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["network"]);
        (await siteA.ListCredentialsAsync("&tag=network")).Count.ShouldBe(1);

        // never delete; a View share, a Member, another client: no change
        await siteA.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await siteA.PatchAsJsonAsync($"/api/v1/credentials/{readOnly}", new { secret = "nope" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await member.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "nope" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await siteB.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "nope" }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("secret").GetString().ShouldBe("fw-2-by-site");

        EventTypes(await mspAdmin.GetAsync($"/api/v1/audit?credentialId={id}&type=credential.updated").ReadJsonAsync(HttpStatusCode.OK)).Count.ShouldBe(2);
        EventTypes(await siteA.GetAsync($"/api/v1/audit?credentialId={id}&type=credential.updated").ReadJsonAsync(HttpStatusCode.OK)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_target_sees_only_the_versions_replaced_while_its_share_was_in_force()
    {
        var mspAdmin = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var id = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Domain admin", secret = "old-reused-everywhere" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await mspAdmin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "before-the-share" }).ReadJsonAsync(HttpStatusCode.OK);
        var share = new { enabled = true, audience = new { everyone = true }, permission = "Edit" };
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", share).ReadJsonAsync(HttpStatusCode.OK);
        await siteA.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "during-the-share" }).ReadJsonAsync(HttpStatusCode.OK);

        static async Task<List<string?>> SecretsAsync(HttpClient client, Guid id) =>
            (await client.GetAsync($"/api/v1/credentials/{id}/versions").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(v => v.GetProperty("values").GetProperty("secret").GetString()).ToList();

        (await SecretsAsync(siteA, id)).ShouldBe(["before-the-share"]);
        (await SecretsAsync(mspAdmin, id)).ShouldBe(["before-the-share", "old-reused-everywhere"]);

        // shared again later: what was replaced in between, and under the earlier share, stays with the origin
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        await mspAdmin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "rotated-after-the-stop" }).ReadJsonAsync(HttpStatusCode.OK);
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", share).ReadJsonAsync(HttpStatusCode.OK);
        (await SecretsAsync(siteA, id)).ShouldBeEmpty();
        (await SecretsAsync(mspAdmin, id)).Count.ShouldBe(3);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SharingTests_Sqlite(SqliteApp app) : SharingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SharingTests_Postgres(PostgresApp app) : SharingTests(app);
