using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Client offboarding in one action, by the MSP's Admin, with a preview: every share both ways and every link of those
/// credentials (and of the client's) ends, needing rotation; the folder rules between them go; nobody of the client signs
/// in again; a deleted client's data key is destroyed, so its rows cannot be decrypted even with the master key; its own
/// credentials may leave first in a password-protected handover package, and its audit log stays readable by its MSP.
/// </summary>
public abstract class ClientOffboardingTests(TestApp app) : DatabaseTest(app)
{
    private const string HandoverPassword = "a long handover password";

    private static string Offboard(Guid client) => $"/api/v1/clients/{client}/offboard";

    private static object Everyone => new { enabled = true, audience = new { everyone = true }, permission = "View" };

    private static async Task<Guid> CredentialAsync(HttpClient client, string name) =>
        await client.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret = $"secret of {name}", notes = $"notes of {name}" }).CreatedIdAsync();

    private static async Task<string> LinkAsync(HttpClient client, Guid credentialId)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/credentials/{credentialId}/links", new { title = "For the auditor", maxViews = 5 }).ReadJsonAsync(HttpStatusCode.Created);
        return new Uri(created.GetProperty("url").GetString()!).AbsolutePath[3..];
    }

    private Task<HttpResponseMessage> OpenLinkAsync(string token) => App.CreateClient().PostAsJsonAsync($"/api/v1/public/links/{token}/open", new { passphrase = (string?)null });

    [Fact]
    public async Task Offboarding_ends_every_share_both_ways_every_link_and_rule_and_suspends_the_client_after_a_preview_that_changes_nothing()
    {
        var family = await App.Family().Client("Client A", c => c.With("member", "Member")).Client("Client B").BuildAsync();
        var (msp, siteA, siteB) = (family.Admin.Api, family.Client("Client A"), family.Client("Client B"));
        var toA = new[] { await CredentialAsync(msp, "Firewall"), await CredentialAsync(msp, "Router") };
        var toB = await CredentialAsync(msp, "Printer");
        foreach (var id in toA)
        {
            await msp.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{siteA.Id}", Everyone).ReadJsonAsync(HttpStatusCode.OK);
        }

        await msp.PutAsJsonAsync($"/api/v1/credentials/{toB}/shares/{siteB.Id}", Everyone).ReadJsonAsync(HttpStatusCode.OK);
        var fromA = await CredentialAsync(siteA.Admin.Api, "Clinic Wi-Fi");
        var ownA = await CredentialAsync(siteA.Admin.Api, "Clinic safe");
        await siteA.Admin.Api.PutAsJsonAsync($"/api/v1/credentials/{fromA}/shares/{family.MspId}", Everyone).ReadJsonAsync(HttpStatusCode.OK);
        var folder = await msp.PostAsJsonAsync("/api/v1/folders", new { name = "Client A" }).CreatedIdAsync();
        await msp.PutAsJsonAsync($"/api/v1/folders/{folder}/share-rules/{siteA.Id}", Everyone).ReadJsonAsync(HttpStatusCode.OK);
        var links = new[] { await LinkAsync(msp, toA[0]), await LinkAsync(siteA.Admin.Api, fromA), await LinkAsync(siteA.Admin.Api, ownA), await LinkAsync(msp, toB) };

        // the preview says what would end, and changes nothing
        var preview = await msp.PostAsJsonAsync(Offboard(siteA.Id), new { dryRun = true }).ReadJsonAsync(HttpStatusCode.OK);
        (preview.GetProperty("sharedOut").GetInt32(), preview.GetProperty("sharedIn").GetInt32(), preview.GetProperty("rulesRemoved").GetInt32(), preview.GetProperty("users").GetInt32())
            .ShouldBe((2, 1, 1, 2));
        preview.GetProperty("state").GetString().ShouldBe("Active");
        (await siteA.Admin.Api.ListCredentialsAsync()).Count.ShouldBe(4);

        await using var host = App.CreateJobsHost();
        var admin = host.As(App, family.Admin);
        var job = await admin.PostAsJsonAsync(Offboard(siteA.Id), new { then = "suspend" }).JobAsync(admin);
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("kind").GetString().ShouldBe("OffboardClient");
        var result = job.GetProperty("result");
        (result.GetProperty("state").GetString(), result.GetProperty("sharedOut").GetInt32(), result.GetProperty("sharedIn").GetInt32(), result.GetProperty("linksRevoked").GetInt32())
            .ShouldBe(("Suspended", 2, 1, 3));

        // every share both ways ended and needs rotation; the share with Client B, and its link, stay
        var listed = (await msp.ListCredentialsAsync()).ToDictionary(c => c.GetProperty("id").GetGuid());
        listed.Keys.ShouldNotContain(fromA);
        foreach (var id in toA)
        {
            listed[id].GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
            listed[id].GetProperty("sharing").GetProperty("state").GetString().ShouldBe("none");
        }

        listed[toB].GetProperty("sharing").GetProperty("state").GetString().ShouldBe("out");
        (await siteB.Admin.Api.ListCredentialsAsync()).Count.ShouldBe(1);
        foreach (var token in links[..3])
        {
            (await OpenLinkAsync(token)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        }

        (await OpenLinkAsync(links[3])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await msp.GetAsync($"/api/v1/folders/{folder}/share-rules").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ShouldBeEmpty();

        // nobody of the client signs in, and its open sessions have ended
        (await siteA.Admin.Api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await App.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = siteA.Admin.Email, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await App.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = family["member"].Email, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var clients = (await msp.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid());
        clients[siteA.Id].GetProperty("state").GetString().ShouldBe("Suspended");
        clients[siteB.Id].GetProperty("state").GetString().ShouldBe("Active");
        (await msp.AuditTypesAsync("type=client.offboarded")).Count.ShouldBe(1);
        (await msp.GetAsync("/api/v1/shares/partners").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([siteB.Id]);
        await msp.PutAsJsonAsync($"/api/v1/credentials/{toA[0]}/shares/{siteA.Id}", Everyone).ShouldBeProblemAsync(HttpStatusCode.NotFound); // nothing new reaches it
    }

    [Fact]
    public async Task A_deleted_clients_rows_cannot_be_decrypted_even_with_the_master_key()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var site = family.Client("Client A");
        var ids = new[] { await CredentialAsync(site.Admin.Api, "Server room"), await CredentialAsync(site.Admin.Api, "Alarm") };
        await site.Admin.Api.PatchAsJsonAsync($"/api/v1/credentials/{ids[0]}", new { secret = "the second secret" }).ReadJsonAsync(HttpStatusCode.OK);
        var backup = await CiphertextsAsync(site.Id); // what a dump of the database holds
        backup.Count.ShouldBeGreaterThanOrEqualTo(5);
        OpenWithAnyKey(backup[0], await WrappedKeysAsync()).ShouldBeTrue("before the deletion the master key opens them");

        await using var host = App.CreateJobsHost();
        var admin = host.As(App, family.Admin);
        var job = await admin.PostAsJsonAsync(Offboard(site.Id), new { then = "delete" }).JobAsync(admin);
        job.GetProperty("result").GetProperty("state").GetString().ShouldBe("Deleted", job.ToString());

        // The rows are still there, read raw; no key in the database, unwrapped with the master key, opens any of them.
        var after = await CiphertextsAsync(site.Id);
        after.Count.ShouldBe(backup.Count);
        var keys = await WrappedKeysAsync();
        keys.ShouldNotContain(k => k.TenantId == site.Id);
        after.ShouldAllBe(c => !OpenWithAnyKey(c, keys));
        (await App.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = site.Admin.Email, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await admin.PostAsJsonAsync(Offboard(site.Id), new { dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_handover_package_holds_the_clients_own_credentials_under_its_password_and_outlives_the_clients_deletion()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var site = family.Client("Client A");
        await ImportTests.ImportAsync(site.Admin.Api, "bitwarden.json");
        var vault = await ImportTests.VaultAsync(site.Admin.Api); // the client's own credentials, folders, fields and versions
        var own = (await site.Admin.Api.ListCredentialsAsync()).Count;
        var mine = await CredentialAsync(family.Admin.Api, "MSP jump host"); // shared in, so not the client's to take
        await family.Admin.Api.PutAsJsonAsync($"/api/v1/credentials/{mine}/shares/{site.Id}", Everyone).ReadJsonAsync(HttpStatusCode.OK);

        var preview = await family.Admin.Api.PostAsJsonAsync(Offboard(site.Id), new { dryRun = true, handoverPassword = HandoverPassword }).ReadJsonAsync(HttpStatusCode.OK);
        preview.GetProperty("ownCredentials").GetInt32().ShouldBe(own);
        await using var host = App.CreateJobsHost();
        var admin = host.As(App, family.Admin);
        var job = await admin.PostAsJsonAsync(Offboard(site.Id), new { then = "delete", handoverPassword = HandoverPassword }).JobAsync(admin);
        var result = job.GetProperty("result");
        (result.GetProperty("state").GetString(), result.GetProperty("ownCredentials").GetInt32(), result.GetProperty("handoverPackage").GetString())
            .ShouldBe(("Deleted", own, $"/api/v1/clients/{site.Id}/handover"), job.ToString());

        // As any export of secrets, the download takes a sign-in with a second factor; then it is the file, audited.
        await family.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/handover").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var fresh = await ExportTests.AdminWithSecondFactorAsync(App, family);
        var response = await fresh.GetAsync($"/api/v1/clients/{site.Id}/handover");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentDisposition!.FileName!.ShouldStartWith("secureshare-handover-client-a-");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var file = await response.Content.ReadAsByteArrayAsync();
        Encoding.UTF8.GetString(file).ShouldContain("\"passwordProtected\": true");
        var (heldKeys, stored) = await StoredPackageAsync(family.MspId);
        heldKeys.ShouldBeNull("the password's keys, held for the job, went when it made the package");
        stored!.AsSpan().IndexOf("passwordProtected"u8).ShouldBe(-1, "kept encrypted under the MSP's key as well");

        // Opened with the password, it gives back exactly what the client owned (not what was shared with it), though the client's key is gone.
        var receiver = (await App.Family().BuildAsync()).Admin.Api;
        await receiver.PostAsync("/api/v1/imports", ImportTests.Form("handover.json", file, ("password", HandoverPassword))).ReadAsync<ImportView>(HttpStatusCode.OK);
        (await ImportTests.VaultAsync(receiver)).ShouldBe(vault);
        (await fresh.AuditTypesAsync("type=credentials.handover.downloaded")).Count.ShouldBe(1);

        // The deleted client's own log, with the package's export in it, stays readable by its MSP.
        var log = await family.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/audit?type=credentials.exported").ReadJsonAsync(HttpStatusCode.OK);
        var exported = log.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        exported.GetProperty("details").GetProperty("format").GetString().ShouldBe("handover");
        exported.GetProperty("targets").GetArrayLength().ShouldBe(own);
        exported.GetProperty("actor").GetProperty("userId").GetGuid().ShouldBe(family.Admin.UserId);
    }

    [Fact]
    public async Task An_active_clients_audit_log_is_its_own_and_a_handover_package_is_its_MSPs_alone()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var other = await App.Family().Client("Elsewhere").BuildAsync();
        var site = family.Client("Client A");
        await family.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/audit").ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await other.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/audit").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await site.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/audit").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await family.Admin.Api.GetAsync($"/api/v1/clients/{Guid.NewGuid()}/audit").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var (caller, client) in new[] { (other.Admin.Api, site.Id), (site.Admin.Api, site.Id), (family.Admin.Api, Guid.NewGuid()) })
        {
            // not theirs: a 404 before the password's slow key derivation, and no job
            await caller.PostAsJsonAsync(Offboard(client), new { then = "suspend", handoverPassword = HandoverPassword }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await using var host = App.CreateJobsHost();
        var admin = host.As(App, family.Admin);
        (await admin.PostAsJsonAsync(Offboard(site.Id), new { then = "suspend", handoverPassword = HandoverPassword }).JobAsync(admin))
            .GetProperty("state").GetString().ShouldBe("succeeded");
        (await family.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/audit?type=tenant.offboarded").ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength().ShouldBe(1);
        await other.Admin.Api.GetAsync($"/api/v1/clients/{site.Id}/audit").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var elsewhere = await ExportTests.AdminWithSecondFactorAsync(App, other);
        await elsewhere.GetAsync($"/api/v1/clients/{site.Id}/handover").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var fresh = await ExportTests.AdminWithSecondFactorAsync(App, family);
        await fresh.GetAsync($"/api/v1/clients/{other.Client("Elsewhere").Id}/handover").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await fresh.GetAsync($"/api/v1/clients/{site.Id}/handover")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Offboarding_is_the_MSP_Admins_for_its_own_clients_only_and_bad_requests_change_nothing()
    {
        var family = await App.Family().With("tech", "Technician").Client("Client A").BuildAsync();
        var other = await App.Family().Client("Elsewhere").BuildAsync();
        var site = family.Client("Client A");
        await family["tech"].Api.PostAsJsonAsync(Offboard(site.Id), new { dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await other.Admin.Api.PostAsJsonAsync(Offboard(site.Id), new { dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await site.Admin.Api.PostAsJsonAsync(Offboard(site.Id), new { dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await family.Admin.Api.PostAsJsonAsync(Offboard(family.MspId), new { dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await family.Admin.Api.PostAsJsonAsync(Offboard(Guid.NewGuid()), new { dryRun = true }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await family.Admin.Api.PostAsJsonAsync(Offboard(site.Id), new { dryRun = false }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("then", out _).ShouldBeTrue(missing.ToString());
        await family.Admin.Api.PostAsJsonAsync(Offboard(site.Id), new { then = "archive" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var weak = await family.Admin.Api.PostAsJsonAsync(Offboard(site.Id), new { then = "suspend", handoverPassword = "too short" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        weak.GetProperty("errors").TryGetProperty("handoverPassword", out _).ShouldBeTrue(weak.ToString());
        (await site.Admin.Api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Every secret ciphertext of the tenant's credentials and versions, read past the tenant filter as a dump would.</summary>
    private async Task<List<byte[]>> CiphertextsAsync(Guid tenantId)
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CredentialsDbContext>();
        var rows = await db.Credentials.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).Select(c => new[] { c.SecretCipher, c.NotesCipher }).ToListAsync();
        var versions = await db.Versions.IgnoreQueryFilters().Where(v => v.TenantId == tenantId).Select(v => v.Cipher).ToListAsync();
        return [.. rows.SelectMany(r => r).OfType<byte[]>(), .. versions];
    }

    /// <summary>The MSP's one handover row, read raw as a dump would: the held keys (none once used) and the package.</summary>
    private async Task<(byte[]? Keys, byte[]? Cipher)> StoredPackageAsync(Guid mspId)
    {
        await using var scope = App.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().HandoverPackages.IgnoreQueryFilters().Where(h => h.TenantId == mspId)
            .Select(h => new { h.Keys, h.Cipher }).SingleAsync();
        return (row.Keys, row.Cipher);
    }

    private async Task<List<WrappedDataKey>> WrappedKeysAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().DataKeys.IgnoreQueryFilters()
            .Select(k => new WrappedDataKey(k.Id, k.TenantId, k.MasterKeyId, k.Wrapped)).ToListAsync();
    }

    /// <summary>Whether any of the keys, unwrapped with the installation's master key, opens the ciphertext (as any field of any object).</summary>
    private static bool OpenWithAnyKey(byte[] ciphertext, List<WrappedDataKey> keys)
    {
        var masters = new MasterKeyRing(MasterKey.FromBase64(TestApp.MasterKey), []);
        return keys.Select(k => Envelope.Unwrap(k, masters)).Any(k => Envelope.DataKeyIdOf(ciphertext) == k.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientOffboardingTests_Sqlite(SqliteApp app) : ClientOffboardingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ClientOffboardingTests_Postgres(PostgresApp app) : ClientOffboardingTests(app);
