using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// "Who knew this password": the exposure report of a user, across every tenant their reads reached, and offboarding,
/// which disables them, ends their sessions and links, and flags what they could still know in its origin tenants.
/// </summary>
public abstract class OffboardingTests(TestApp app) : DatabaseTest(app)
{
    private static Task<Guid> CreateAsync(HttpClient client, string name) =>
        client.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret = $"secret of {name}" }).CreatedIdAsync();

    [Fact]
    public async Task Offboarding_a_technician_flags_what_they_read_in_every_origin_tenant_and_the_client_sees_it()
    {
        var family = await App.Family().With("tech", "Technician").Client("A").BuildAsync();
        var msp = family.Admin.Api;
        var tech = family["tech"].Api;
        var siteA = family.Client("A").Admin.Api;

        // Client A shares two of its credentials with the MSP; the technician reveals them and one of the MSP's own.
        var nas = await CreateAsync(siteA, "A: NAS");
        var firewall = await CreateAsync(siteA, "A: Firewall");
        foreach (var id in new[] { nas, firewall })
        {
            await siteA.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{family.MspId}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
                .ReadJsonAsync(HttpStatusCode.OK);
        }

        var vpn = await CreateAsync(msp, "MSP: VPN");
        var rotated = await CreateAsync(msp, "MSP: Rotated since");
        foreach (var id in new[] { nas, firewall, vpn, rotated })
        {
            await tech.RevealAsync(id);
        }

        var link = await tech.PostAsJsonAsync($"/api/v1/credentials/{vpn}/links", new { title = "for a colleague", maxViews = 1 }).CreatedIdAsync();
        await msp.PatchAsJsonAsync($"/api/v1/credentials/{rotated}", new { secret = "a new secret" }).ReadJsonAsync(HttpStatusCode.OK);

        var exposure = await msp.GetAsync($"/api/v1/users/{family["tech"].UserId}/exposure").ReadAsync<ExposureAnswer>(HttpStatusCode.OK);
        var exposed = exposure.Tenants.ToDictionary(t => t.TenantId, t => t.Credentials.Select(c => c.CredentialId).Order().ToList());
        exposed.Keys.Order().ShouldBe(new[] { family.Client("A").Id, family.MspId }.Order());
        exposed[family.Client("A").Id].ShouldBe(new[] { nas, firewall }.Order());
        exposed[family.MspId].ShouldBe([vpn]);
        exposure.Tenants.Single(t => t.TenantId == family.MspId).Credentials.Single().Reads.ShouldBe(["credential.revealed", "link.created"]);
        await siteA.GetAsync($"/api/v1/users/{family["tech"].UserId}/exposure").ShouldBeProblemAsync(HttpStatusCode.NotFound); // not A's user

        var offboarded = await msp.PostAsync($"/api/v1/users/{family["tech"].UserId}/offboard", null).ReadAsync<OffboardAnswer>(HttpStatusCode.OK);
        offboarded.LinksRevoked.ShouldBe(1);
        offboarded.Flagged.SelectMany(t => t.Credentials).Select(c => c.CredentialId).Order().ShouldBe(new[] { nas, firewall, vpn }.Order());
        offboarded.Flagged.SelectMany(t => t.Credentials).ShouldAllBe(c => c.NeedsRotation);

        // Signed out at once; flagged in their origin tenants; the client's own log shows the reads and the flags.
        (await tech.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await siteA.CredentialsAsync()).Where(c => c.Id == nas || c.Id == firewall).ShouldAllBe(c => c.NeedsRotation);
        (await msp.CredentialsAsync()).Single(c => c.Id == vpn).NeedsRotation.ShouldBeTrue();
        (await msp.CredentialsAsync()).Single(c => c.Id == rotated).NeedsRotation.ShouldBeFalse();
        foreach (var id in new[] { nas, firewall })
        {
            var events = (await siteA.GetAsync($"/api/v1/audit?credentialId={id}&limit=500").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items;
            events.ShouldContain(e => e.Type == "credential.revealed" && e.Actor.UserId == family["tech"].UserId);
            events.ShouldContain(e => e.Type == "credential.exposure.flagged");
        }

        (await msp.AuditTypesAsync("type=user.offboarded")).Count.ShouldBe(1);
        (await msp.GetAsync($"/api/v1/credentials/{vpn}/links").ReadJsonAsync(HttpStatusCode.OK)).ToString().ShouldContain($"\"id\":\"{link}\"");
        (await msp.AuditTypesAsync($"type=link.revoked")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Only_a_rotation_ends_what_readers_knew_and_clears_needs_rotation_and_whoever_rotates_knows_the_new_secret()
    {
        var family = await App.Family().With("tech", "Technician").With("editor", "Technician").Client("A").BuildAsync();
        var msp = family.Admin.Api;
        var router = await CreateAsync(msp, "Router");
        await family["tech"].Api.RevealAsync(router);
        await msp.PutAsJsonAsync($"/api/v1/credentials/{router}/shares/{family.Client("A").Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        await msp.PutAsJsonAsync($"/api/v1/credentials/{router}/shares/{family.Client("A").Id}", new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        async Task<IReadOnlyList<ExposedCredentialView>> ExposureOf(string who) =>
            (await msp.GetAsync($"/api/v1/users/{(who == "admin" ? family.Admin.UserId : family[who].UserId)}/exposure").ReadAsync<ExposureAnswer>(HttpStatusCode.OK))
                .Tenants.SelectMany(t => t.Credentials).ToList();

        // A change of the notes is kept as a version, but the password is what it was: still known, still to rotate.
        await family["editor"].Api.PatchAsJsonAsync($"/api/v1/credentials/{router}", new { notes = "moved to rack 2" }).ReadJsonAsync(HttpStatusCode.OK);
        (await msp.CredentialsAsync()).Single(c => c.Id == router).NeedsRotation.ShouldBeTrue();
        (await ExposureOf("tech")).ShouldHaveSingleItem().Reads.ShouldBe(["credential.revealed"]);
        (await ExposureOf("editor")).ShouldBeEmpty();
        (await ExposureOf("admin")).ShouldHaveSingleItem().Reads.ShouldBe(["credential.created"]); // not an update they never made

        // A new password rotates it: earlier readers no longer know it; the one who typed it does.
        await family["editor"].Api.PatchAsJsonAsync($"/api/v1/credentials/{router}", new { secret = "a new router password" }).ReadJsonAsync(HttpStatusCode.OK);
        (await msp.CredentialsAsync()).Single(c => c.Id == router).NeedsRotation.ShouldBeFalse();
        (await ExposureOf("tech")).ShouldBeEmpty();
        (await ExposureOf("admin")).ShouldBeEmpty();
        (await ExposureOf("editor")).ShouldHaveSingleItem().Reads.ShouldBe(["credential.updated"]);
    }

    [Fact]
    public async Task An_admin_cannot_offboard_themselves_or_the_last_admin()
    {
        var family = await App.Family().BuildAsync();
        await family.Admin.Api.PostAsync($"/api/v1/users/{family.Admin.UserId}/offboard", null).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await family.Admin.Api.PostAsync($"/api/v1/users/{Guid.NewGuid()}/offboard", null).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OffboardingTests_Sqlite(SqliteApp app) : OffboardingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OffboardingTests_Postgres(PostgresApp app) : OffboardingTests(app);
