using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// An ownership move hands a credential to the other side of the MSP–client edge for good: everything of it is sealed again
/// under the new owner's data key, its links end, the old owner keeps a share only if asked, and both logs record it.
/// </summary>
public abstract class OwnershipMoveTests(TestApp app) : DatabaseTest(app)
{
    private static string Transfer(Guid id) => $"/api/v1/credentials/{id}/transfer";

    [Fact]
    public async Task An_ownership_move_leaves_no_ciphertext_under_the_old_key_and_the_new_owner_reads_everything()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (msp, site) = (family.Admin, family.Client("Client A"));
        var id = await msp.Api.PostAsJsonAsync("/api/v1/credentials", new
        {
            kind = "Password", name = "Front desk PC", username = "reception", secret = "first-secret", notes = "under the desk", totpSeed = "JBSWY3DPEHPK3PXP",
            customFields = new object[] { new { name = "BIOS", value = "bios-secret", secret = true }, new { name = "Asset", value = "A-17", secret = false } },
        }).CreatedIdAsync();
        await msp.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "second-secret" });
        var file = Files.Random(700 * 1024);
        var attachment = (await msp.Api.PostAsync($"/api/v1/credentials/{id}/attachments", Files.Form("pc.cfg", file)).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await msp.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{site.Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);
        var link = new Uri((await msp.Api.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "for the site", maxViews = 3 }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("url").GetString()!);

        var moved = await msp.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = site.Id, keepShare = true }).ReadJsonAsync(HttpStatusCode.OK);

        moved.GetProperty("ownerTenantId").GetGuid().ShouldBe(site.Id);
        moved.GetProperty("linksRevoked").GetInt32().ShouldBe(1);
        var (oldKey, newKey) = (await DataKeyIdAsync(family.MspId), await DataKeyIdAsync(site.Id));
        var ciphers = await CiphertextsOfAsync(site.Id, id);
        ciphers.Count.ShouldBe(6); // secret, notes, TOTP seed, the secret custom field, one version, one file key
        ciphers.ShouldAllBe(c => Envelope.DataKeyIdOf(c) == newKey);
        ciphers.ShouldNotContain(c => Envelope.DataKeyIdOf(c) == oldKey);
        (await CiphertextsOfAsync(family.MspId, id)).ShouldBeEmpty(); // no row of it is the old owner's any more

        var secret = await site.Admin.Api.RevealAsync(id);
        (secret.Secret, secret.Notes, secret.TotpSeed, secret.CustomFields[0].Value).ShouldBe(("second-secret", "under the desk", "JBSWY3DPEHPK3PXP", "bios-secret"));
        (await site.Admin.Api.GetAsync($"/api/v1/credentials/{id}/versions").ReadJsonAsync(HttpStatusCode.OK)).ToString().ShouldContain("first-secret");
        (await site.Admin.Api.GetByteArrayAsync($"/api/v1/credentials/{id}/attachments/{attachment}/content")).ShouldBe(file);
        var asOwner = await site.Admin.Api.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK);
        (asOwner.GetProperty("origin").GetProperty("tenantId").GetGuid(), asOwner.GetProperty("sharing").GetProperty("state").GetString()).ShouldBe((site.Id, "out"));

        // the MSP asked to keep it: an Edit share of the new owner's, no longer its own to delete
        (await msp.Api.RevealAsync(id)).Secret.ShouldBe("second-secret");
        (await msp.Api.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("sharing").GetProperty("state").GetString().ShouldBe("in");
        await msp.Api.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await msp.Api.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { notes = "edited by the MSP" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await site.Admin.Api.RevealAsync(id)).Notes.ShouldBe("edited by the MSP");
        await App.CreateClient().GetAsync($"/api/v1/public/links/{link.AbsolutePath[3..]}").ShouldBeProblemAsync(HttpStatusCode.Gone);

        (await msp.Api.GetAsync($"/api/v1/audit?credentialId={id}&type=credential.handed-over").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items.ShouldHaveSingleItem();
        (await site.Admin.Api.GetAsync($"/api/v1/audit?credentialId={id}&type=credential.taken-over").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_client_hands_a_credential_to_its_MSP_and_without_a_kept_share_no_longer_sees_it()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (msp, site) = (family.Admin, family.Client("Client A"));
        var id = (await site.Admin.Api.CreateCredentialsAsync(1, "Firewall"))[0];

        await site.Admin.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = family.MspId }).ReadJsonAsync(HttpStatusCode.OK);

        await site.Admin.Api.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await site.Admin.Api.CredentialsAsync()).ShouldBeEmpty();
        (await msp.Api.CredentialsAsync()).Select(c => c.Id).ShouldBe([id]);
        (await msp.Api.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("sharing").GetProperty("state").GetString().ShouldBe("none");
        var mspKey = await DataKeyIdAsync(family.MspId);
        (await CiphertextsOfAsync(family.MspId, id)).ShouldNotBeEmpty();
        (await CiphertextsOfAsync(family.MspId, id)).ShouldAllBe(c => Envelope.DataKeyIdOf(c) == mspKey);
    }

    [Fact]
    public async Task An_ownership_move_is_refused_while_shared_elsewhere_off_the_edge_or_to_a_non_admin_and_changes_nothing()
    {
        var family = await App.Family().With("tech", "Technician").Client("Client A").Client("Client B").BuildAsync();
        var (msp, a, b) = (family.Admin, family.Client("Client A"), family.Client("Client B"));
        var id = (await msp.Api.CreateCredentialsAsync(1))[0];
        var own = (await b.Admin.Api.CreateCredentialsAsync(1, "Site B"))[0];
        await msp.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{b.Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" }).ReadAsync<ShareAnswer>(HttpStatusCode.OK);
        var before = await SnapshotRowCountsAsync();

        (await msp.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = a.Id }).ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("Client B");
        await family["tech"].Api.PostAsJsonAsync(Transfer(id), new { toTenantId = b.Id }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await b.Admin.Api.PostAsJsonAsync(Transfer(own), new { toTenantId = a.Id }).ShouldBeProblemAsync(HttpStatusCode.NotFound); // client to client: off the edge
        await msp.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = Guid.NewGuid() }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await msp.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = family.MspId }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await b.Admin.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = family.MspId }).ShouldBeProblemAsync(HttpStatusCode.Forbidden); // shared in: not its to hand over
        await a.Admin.Api.PostAsJsonAsync(Transfer(id), new { toTenantId = family.MspId }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await msp.Api.PostAsJsonAsync(Transfer(id), new { keepShare = true }).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").ToString().ShouldContain("toTenantId");
        await msp.Api.SendJsonAsync(HttpMethod.Post, Transfer(id), "{\"toTenantId\":").ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    private async Task<Guid> DataKeyIdAsync(Guid tenantId)
    {
        using (TenantContext.Begin(await App.TenantAsync(tenantId)))
        {
            await using var scope = App.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().DataKeys.Select(k => k.Id).SingleAsync();
        }
    }

    /// <summary>Every ciphertext of the credential that the tenant's rows hold: its fields, secret custom fields, versions and file keys.</summary>
    private async Task<List<byte[]>> CiphertextsOfAsync(Guid tenantId, Guid credentialId)
    {
        using (TenantContext.Begin(await App.TenantAsync(tenantId)))
        {
            await using var scope = App.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CredentialsDbContext>();
            var row = await db.Credentials.Where(c => c.Id == credentialId).Select(c => new[] { c.SecretCipher, c.NotesCipher, c.TotpSeedCipher }).ToListAsync();
            var fields = await db.CustomFields.Where(f => f.CredentialId == credentialId).Select(f => f.ValueCipher).ToListAsync();
            var versions = await db.Versions.Where(v => v.CredentialId == credentialId).Select(v => v.Cipher).ToListAsync();
            var fileIds = await db.Attachments.Where(a => a.CredentialId == credentialId).Select(a => a.StoredFileId).ToListAsync();
            var fileKeys = await db.StoredFiles.Where(f => fileIds.Contains(f.Id)).Select(f => f.SealedKey).ToListAsync();
            return [.. row.SelectMany(r => r).Concat(fields).Concat(versions).Concat(fileKeys).OfType<byte[]>()];
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OwnershipMoveTests_Sqlite(SqliteApp app) : OwnershipMoveTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OwnershipMoveTests_Postgres(PostgresApp app) : OwnershipMoveTests(app);
