using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class SharingTests(TestApp app) : DatabaseTest(app)
{
    private static readonly object Everyone = new { enabled = true, audience = new { everyone = true }, permission = "View" };

    private static Task<Guid> CreateAsync(Person owner, string name, string secret, Guid? folderId = null) =>
        owner.Api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret, folderId }).CreatedIdAsync();

    private static Task<ShareAnswer> ShareAsync(Person owner, Guid id, Guid target, object terms) =>
        owner.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{target}", terms).ReadAsync<ShareAnswer>(HttpStatusCode.OK);

    /// <summary>
    /// PRODUCT.md's seed scenario, end to end (the web UI and the generated client walk it too): each rule it passes
    /// through also has a test of its own.
    /// </summary>
    [Fact]
    public async Task Seed_scenario_share_with_a_client_group_file_it_there_and_stop_sharing()
    {
        // An MSP with a technician; client A with a site admin, a member of "Site IT" and a member outside it.
        var family = await App.Family().With("tech", "Technician")
            .Client("Client A", a => a.With("insider", "Member").With("outsider", "Member").Group("Site IT", "insider"))
            .BuildAsync();
        var (tech, insider, outsider) = (family["tech"], family["insider"], family["outsider"]);
        var clientA = family.Client("Client A");
        var siteAdmin = clientA.Admin;
        var mspFolder = await family.Admin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "Client A" }).CreatedIdAsync();
        var id = await CreateAsync(tech, "Front desk PC", "fd-secret-1", mspFolder);

        // The technician shares it with client A's "Site IT" group, view only.
        var shared = await ShareAsync(tech, id, clientA.Id, new { enabled = true, audience = new { everyone = false, groupIds = new[] { clientA.Groups["Site IT"] } }, permission = "View" });
        shared.Outcome.ShouldBe("shared");

        // A member of the group sees and reveals it; a member outside it gets 404; the site admin sees it.
        var seen = (await insider.Api.CredentialsAsync()).Single();
        seen.Sharing.State.ShouldBe("in");
        seen.Origin.TenantId.ShouldBe(family.MspId);
        seen.Permission.ShouldBe("View");
        seen.FolderId.ShouldBeNull();
        (await insider.Api.RevealAsync(id)).Secret.ShouldBe("fd-secret-1");
        (await outsider.Api.CredentialsAsync()).ShouldBeEmpty();
        await outsider.Api.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await outsider.Api.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await siteAdmin.Api.CredentialsAsync()).Count.ShouldBe(1);

        // The site admin files it in a folder of their own; the MSP side's placement does not move.
        var clientFolder = await siteAdmin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "From our MSP" }).CreatedIdAsync();
        (await siteAdmin.Api.PostAsJsonAsync("/api/v1/placements/move", new { credentialIds = new[] { id }, folderId = clientFolder }).ReadAsync<MoveAnswer>(HttpStatusCode.OK))
            .Results[0].Outcome.ShouldBe("moved");
        (await siteAdmin.Api.GetAsync($"/api/v1/credentials/{id}").ReadAsync<CredentialItem>(HttpStatusCode.OK)).FolderId.ShouldBe(clientFolder);
        var mspView = await tech.Api.GetAsync($"/api/v1/credentials/{id}").ReadAsync<CredentialItem>(HttpStatusCode.OK);
        mspView.FolderId.ShouldBe(mspFolder);
        mspView.Sharing.ShouldBe(new SharingView("out", 1));

        // The target side can neither change nor delete the credential.
        await siteAdmin.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "changed by the client" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await siteAdmin.Api.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // The MSP stops sharing: client A no longer sees it; the MSP side shows it needs rotation.
        var stopped = await ShareAsync(tech, id, clientA.Id, new { enabled = false });
        stopped.Outcome.ShouldBe("stopped");
        stopped.NeedsRotation.ShouldBeTrue();
        (await siteAdmin.Api.CredentialsAsync()).ShouldBeEmpty();
        (await insider.Api.CredentialsAsync()).ShouldBeEmpty();
        await insider.Api.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var afterStop = (await tech.Api.CredentialsAsync("&needsRotation=true")).Single();
        afterStop.Id.ShouldBe(id);
        afterStop.Sharing.State.ShouldBe("none");

        // Both audit logs hold the share's life.
        (await family.Admin.Api.AuditTypesAsync(id)).ShouldBe(["share.stopped", "credential.revealed", "share.created", "credential.created"], ignoreOrder: true);
        var clientSide = await siteAdmin.Api.AuditTypesAsync(id);
        clientSide.ShouldContain("share.received");
        clientSide.ShouldContain("share.stopped");
        clientSide.ShouldContain("credential.revealed");
        clientSide.ShouldContain("placement.moved");
    }

    [Fact]
    public async Task A_client_shares_with_its_msp_but_never_with_another_client_or_another_msp()
    {
        var family = await App.Family().Client("Client A").Client("Client B").BuildAsync();
        var (siteA, siteB) = (family.Client("Client A").Admin, family.Client("Client B").Admin);
        var otherMsp = await App.SignupMspAsync();
        var id = await CreateAsync(siteA, "Alarm panel", "alarm-1");
        var before = await SnapshotRowCountsAsync();
        var url = $"/api/v1/credentials/{id}/shares";

        await siteA.Api.PutAsJsonAsync($"{url}/{family.Client("Client B").Id}", Everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteA.Api.PutAsJsonAsync($"{url}/{otherMsp.TenantId}", Everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteA.Api.PutAsJsonAsync($"{url}/{Guid.NewGuid()}", Everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteB.Api.PutAsJsonAsync($"{url}/{family.MspId}", Everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SnapshotRowCountsAsync()).Split(',')[5..].ShouldBe(before.Split(',')[5..]);

        (await ShareAsync(siteA, id, family.MspId, Everyone)).Outcome.ShouldBe("shared");
        (await family.Admin.Api.CredentialsAsync()).Single().Origin.TenantName.ShouldBe("Client A");
        (await family.Admin.Api.RevealAsync(id)).Secret.ShouldBe("alarm-1");
        (await siteB.Api.CredentialsAsync()).ShouldBeEmpty();
        await siteB.Api.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // the MSP, a target, cannot pass it on to client B
        await family.Admin.Api.PutAsJsonAsync($"{url}/{family.Client("Client B").Id}", Everyone).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await siteB.Api.CredentialsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_target_admin_stops_a_share_on_their_side_and_the_origin_keeps_it()
    {
        var family = await App.Family().Client("Client A", a => a.With("member", "Member")).BuildAsync();
        var (mspAdmin, siteA, member) = (family.Admin, family.Client("Client A").Admin, family["member"]);
        var id = await CreateAsync(mspAdmin, "VPN", "vpn-1");
        await ShareAsync(mspAdmin, id, family.Client("Client A").Id, new { enabled = true, audience = new { everyone = true }, permission = "Edit" });

        var share = (await mspAdmin.Api.GetAsync($"/api/v1/credentials/{id}/shares").ReadAsync<List<ShareView>>(HttpStatusCode.OK)).Single();
        share.TargetTenantName.ShouldBe("Client A");
        share.Permission.ShouldBe("Edit");
        share.Audience.Everyone.ShouldBeTrue();
        await siteA.Api.GetAsync($"/api/v1/credentials/{id}/shares").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await member.Api.DeleteAsync($"/api/v1/incoming-shares/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await mspAdmin.Api.DeleteAsync($"/api/v1/incoming-shares/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await siteA.Api.DeleteAsync($"/api/v1/incoming-shares/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await siteA.Api.CredentialsAsync()).ShouldBeEmpty();
        (await member.Api.CredentialsAsync()).ShouldBeEmpty();
        var kept = (await mspAdmin.Api.CredentialsAsync()).Single();
        kept.NeedsRotation.ShouldBeTrue();
        kept.Sharing.State.ShouldBe("none");
        (await mspAdmin.Api.GetAsync($"/api/v1/credentials/{id}/shares").ReadAsync<List<ShareView>>(HttpStatusCode.OK)).ShouldBeEmpty();
        (await mspAdmin.Api.AuditTypesAsync(id)).ShouldContain("share.stopped-by-target");
        (await siteA.Api.AuditTypesAsync(id)).ShouldContain("share.stopped-by-target");
        await siteA.Api.DeleteAsync($"/api/v1/incoming-shares/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_share_ends_by_itself_on_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App.CreateFactory(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(clock));
        var family = await App.Family().Client("Client A").BuildAsync();
        var (mspAdmin, siteA) = (family.Admin, family.Client("Client A").Admin);
        var onClock = app.CreateClient();
        onClock.DefaultRequestHeaders.Authorization = mspAdmin.Api.DefaultRequestHeaders.Authorization;
        var id = await onClock.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Temp access", secret = "t-1" }).CreatedIdAsync();
        await onClock.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{family.Client("Client A").Id}",
            new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt = clock.GetUtcNow().AddHours(1) }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);

        async Task<int> ExpireAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SecureShare.Modules.Sharing.Features.Shares.ExpireShares.Command());
        }

        clock.Advance(TimeSpan.FromMinutes(59));
        (await ExpireAsync()).ShouldBe(0);
        (await siteA.Api.CredentialsAsync()).Count.ShouldBe(1);

        clock.Advance(TimeSpan.FromMinutes(2));
        (await ExpireAsync()).ShouldBe(1);
        (await siteA.Api.CredentialsAsync()).ShouldBeEmpty();
        (await mspAdmin.Api.CredentialsAsync()).Single().NeedsRotation.ShouldBeTrue();
        (await mspAdmin.Api.AuditTypesAsync(id)).ShouldContain("share.expired");
        (await siteA.Api.AuditTypesAsync(id)).ShouldContain("share.expired");
        (await ExpireAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Revocation_ends_every_share_to_and_from_a_client_or_of_given_credentials()
    {
        var family = await App.Family().With("tech", "Technician").Client("Client A").Client("Client B").BuildAsync();
        var (mspAdmin, tech) = (family.Admin, family["tech"]);
        var (clientA, clientB) = (family.Client("Client A"), family.Client("Client B"));

        async Task<Guid> SharedAsync(Person owner, string name, Guid target)
        {
            var id = await CreateAsync(owner, name, name + "-secret");
            await ShareAsync(owner, id, target, Everyone);
            return id;
        }

        var toA1 = await SharedAsync(mspAdmin, "A one", clientA.Id);
        var toA2 = await SharedAsync(mspAdmin, "A two", clientA.Id);
        var toB = await SharedAsync(mspAdmin, "B one", clientB.Id);
        var fromA = await SharedAsync(clientA.Admin, "From A", family.MspId);

        await tech.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA.Id }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await mspAdmin.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = (await App.SignupMspAsync()).TenantId }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await mspAdmin.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA.Id, credentialIds = new[] { toB } }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // A dry run says what would end and who would lose access on each side, and changes nothing.
        await mspAdmin.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { credentialIds = new[] { toB }, dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var preview = await mspAdmin.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA.Id, dryRun = true }).ReadJsonAsync(HttpStatusCode.OK);
        preview.GetProperty("revoked").GetInt32().ShouldBe(3);
        var sides = preview.GetProperty("preview").EnumerateArray().ToDictionary(p => p.GetProperty("tenantId").GetGuid());
        sides[clientA.Id].GetProperty("credentials").GetInt32().ShouldBe(2);
        sides[clientA.Id].GetProperty("losing").EnumerateArray().Select(l => l.GetProperty("userId").GetGuid()).ShouldContain(clientA.Admin.UserId);
        sides[family.MspId].GetProperty("credentials").GetInt32().ShouldBe(1);
        (await clientA.Admin.Api.CredentialsAsync()).Select(e => e.Id).ShouldBe([toA1, toA2, fromA], ignoreOrder: true);
        (await mspAdmin.Api.AuditTypesAsync(toA1)).ShouldNotContain("share.revoked");

        var offboarded = await mspAdmin.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA.Id }).ReadAsync<RevokeAnswer>(HttpStatusCode.OK);
        offboarded.Revoked.ShouldBe(3);
        offboarded.CredentialIds.ShouldBe([toA1, toA2, fromA], ignoreOrder: true);
        (await clientA.Admin.Api.CredentialsAsync()).Select(e => e.Id).ShouldBe([fromA]);
        (await clientA.Admin.Api.CredentialsAsync()).Single().NeedsRotation.ShouldBeTrue();
        (await mspAdmin.Api.CredentialsAsync()).Select(e => e.Id).ShouldBe([toA1, toA2, toB], ignoreOrder: true);
        (await clientB.Admin.Api.CredentialsAsync()).Single().Id.ShouldBe(toB);
        (await clientA.Admin.Api.AuditTypesAsync(toA1)).ShouldContain("share.revoked");

        // The audit filtered to one client: what its people did and what was done to shares with it, nothing of another client.
        var withA = await mspAdmin.Api.GetAsync($"/api/v1/audit?partnerId={clientA.Id}&limit=200").ReadJsonAsync(HttpStatusCode.OK);
        var events = withA.GetProperty("items").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldContain("share.revoked");
        events.ShouldNotContain(e => e.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("id").GetGuid() == clientB.Id || t.GetProperty("id").GetGuid() == toB));
        var stranger = await mspAdmin.Api.GetAsync($"/api/v1/audit?partnerId={(await App.SignupMspAsync()).TenantId}").ReadJsonAsync(HttpStatusCode.OK);
        stranger.GetProperty("items").GetArrayLength().ShouldBe(0, "a tenant that is no partner has nothing in this log");

        var byCredential = await mspAdmin.Api.PostAsJsonAsync("/api/v1/shares/revoke", new { credentialIds = new[] { toB, toA1 } }).ReadAsync<RevokeAnswer>(HttpStatusCode.OK);
        byCredential.Revoked.ShouldBe(1);
        (await clientB.Admin.Api.CredentialsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_a_shared_credential_ends_its_shares_on_both_sides()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (mspAdmin, siteA) = (family.Admin, family.Client("Client A").Admin);
        var id = await CreateAsync(mspAdmin, "Old server", "old-1");
        await ShareAsync(mspAdmin, id, family.Client("Client A").Id, Everyone);
        (await siteA.Api.CredentialsAsync()).Count.ShouldBe(1);

        (await mspAdmin.Api.DeleteAsync($"/api/v1/credentials/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await siteA.Api.CredentialsAsync()).ShouldBeEmpty();
        await siteA.Api.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await siteA.Api.AuditTypesAsync(id)).ShouldContain("share.deleted");
        (await SnapshotRowCountsAsync()).Split(',')[5..9].ShouldAllBe(c => c == "0");
    }

    [Fact]
    public async Task Bad_share_terms_answer_400_or_404_change_nothing_and_are_audited()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var mspAdmin = family.Admin.Api;
        var mspGroup = await mspAdmin.PostAsJsonAsync("/api/v1/groups", new { name = "MSP only" }).CreatedIdAsync();
        var id = await CreateAsync(family.Admin, "Router", "r-1");
        var before = await SnapshotRowCountsAsync();
        var url = $"/api/v1/credentials/{id}/shares/{family.Client("Client A").Id}";

        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = false, groupIds = new[] { mspGroup } }, permission = "View" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = false, userIds = new[] { family.Msp.AdminId } }, permission = "View" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = false }, permission = "View" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync(url, new { enabled = true, audience = new { everyone = true }, permission = "Own" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync(url, new { audience = new { everyone = true }, permission = "View" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/not-a-tenant", new { enabled = false }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await SnapshotRowCountsAsync()).Split(',')[5..].ShouldBe(before.Split(',')[5..]);
        (await family.Client("Client A").Admin.Api.CredentialsAsync()).ShouldBeEmpty();

        // the five refusals the application decided are in the MSP's log (an unknown enum or a malformed id never reaches it)
        var refusals = (await mspAdmin.GetAsync("/api/v1/audit?type=request.refused").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items;
        refusals.Count.ShouldBe(5);
        refusals.ShouldAllBe(e => e.Details!["action"] == "PutShare");
        refusals.Select(e => e.Details!["reason"])
            .ShouldBe(["Invalid: enabled.", "Invalid: audience.", "Invalid: expiresAt.", "Audience user or group was not found.", "Audience user or group was not found."]);
    }

    [Fact]
    public async Task An_edit_share_lets_the_target_change_fields_and_secret_seen_on_both_sides_but_never_delete()
    {
        var family = await App.Family().Client("Client A", a => a.With("member", "Member")).Client("Client B").BuildAsync();
        var (mspAdmin, siteA, siteB, member) = (family.Admin, family.Client("Client A").Admin, family.Client("Client B").Admin, family["member"]);
        var clientA = family.Client("Client A").Id;
        var id = await mspAdmin.Api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Firewall", username = "admin", secret = "fw-1" }).CreatedIdAsync();
        var readOnly = await CreateAsync(mspAdmin, "Printer", "pr-1");
        await ShareAsync(mspAdmin, id, clientA, new { enabled = true, audience = new { everyone = true }, permission = "Edit" });
        await ShareAsync(mspAdmin, readOnly, clientA, Everyone);

        // the site admin renames it and changes the secret; both sides see both changes
        var changed = await siteA.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { name = "Firewall (site)", secret = "fw-2-by-site" }).ReadAsync<CredentialItem>(HttpStatusCode.OK);
        changed.Name.ShouldBe("Firewall (site)");
        (await mspAdmin.Api.RevealAsync(id)).Secret.ShouldBe("fw-2-by-site");
        (await mspAdmin.Api.CredentialsAsync()).Single(c => c.Id == id).Name.ShouldBe("Firewall (site)");
        (await siteA.Api.CredentialsAsync()).Single(c => c.Id == id).Name.ShouldBe("Firewall (site)");
        var versions = await mspAdmin.Api.GetAsync($"/api/v1/credentials/{id}/versions").ReadAsync<List<CredentialVersion>>(HttpStatusCode.OK);
        versions.Single().Values.Secret.ShouldBe("fw-1");

        // the origin's own change reaches the target's entry too
        await mspAdmin.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { username = "root", tags = new[] { "network" } }).ReadAsync<CredentialItem>(HttpStatusCode.OK);
        var seen = (await siteA.Api.CredentialsAsync()).Single(c => c.Id == id);
        seen.Username.ShouldBe("root");
        seen.Tags.ShouldBe(["network"]);
        (await siteA.Api.CredentialsAsync("&tag=network")).Count.ShouldBe(1);

        // never delete; a View share, a Member, another client: no change
        await siteA.Api.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await siteA.Api.PatchAsJsonAsync($"/api/v1/credentials/{readOnly}", new { secret = "nope" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await member.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "nope" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await siteB.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "nope" }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await mspAdmin.Api.RevealAsync(id)).Secret.ShouldBe("fw-2-by-site");

        (await mspAdmin.Api.AuditTypesAsync(id, "&type=credential.updated")).Count.ShouldBe(2);
        (await siteA.Api.AuditTypesAsync(id, "&type=credential.updated")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_member_of_a_client_sees_an_edit_share_as_view_because_members_never_change_credentials()
    {
        var family = await App.Family().Client("Client A", a => a.With("member", "Member")).BuildAsync();
        var id = await CreateAsync(family.Admin, "Firewall", "fw-1");
        await ShareAsync(family.Admin, id, family.Client("Client A").Id, new { enabled = true, audience = new { everyone = true }, permission = "Edit" });

        (await family.Client("Client A").Admin.Api.CredentialsAsync()).Single().Permission.ShouldBe("Edit");
        (await family["member"].Api.CredentialsAsync()).Single().Permission.ShouldBe("View");
        (await family["member"].Api.GetAsync($"/api/v1/credentials/{id}").ReadAsync<CredentialItem>(HttpStatusCode.OK)).Permission.ShouldBe("View");
    }

    [Fact]
    public async Task A_target_sees_only_the_versions_replaced_while_its_share_was_in_force()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (mspAdmin, siteA, clientA) = (family.Admin, family.Client("Client A").Admin, family.Client("Client A").Id);
        var id = await CreateAsync(mspAdmin, "Domain admin", "old-reused-everywhere");
        await mspAdmin.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "before-the-share" }).ReadAsync<CredentialItem>(HttpStatusCode.OK);
        var share = new { enabled = true, audience = new { everyone = true }, permission = "Edit" };
        await ShareAsync(mspAdmin, id, clientA, share);
        await siteA.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "during-the-share" }).ReadAsync<CredentialItem>(HttpStatusCode.OK);

        static async Task<List<string?>> SecretsAsync(Person reader, Guid id) =>
            (await reader.Api.GetAsync($"/api/v1/credentials/{id}/versions").ReadAsync<List<CredentialVersion>>(HttpStatusCode.OK)).Select(v => v.Values.Secret).ToList();

        (await SecretsAsync(siteA, id)).ShouldBe(["before-the-share"]);
        (await SecretsAsync(mspAdmin, id)).ShouldBe(["before-the-share", "old-reused-everywhere"]);

        // shared again later: what was replaced in between, and under the earlier share, stays with the origin
        await ShareAsync(mspAdmin, id, clientA, new { enabled = false });
        await mspAdmin.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "rotated-after-the-stop" }).ReadAsync<CredentialItem>(HttpStatusCode.OK);
        await ShareAsync(mspAdmin, id, clientA, share);
        (await SecretsAsync(siteA, id)).ShouldBeEmpty();
        (await SecretsAsync(mspAdmin, id)).Count.ShouldBe(3);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SharingTests_Sqlite(SqliteApp app) : SharingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SharingTests_Postgres(PostgresApp app) : SharingTests(app);
