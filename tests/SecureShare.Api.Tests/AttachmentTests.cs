using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Files: attached to any credential or the whole of a File credential, sealed chunk by chunk under the origin's data key,
/// listed by name and size only, downloaded as an audited reveal, versioned when replaced, following the credential's shares.
/// </summary>
public abstract class AttachmentTests(TestApp app) : DatabaseTest(app)
{
    private const int Chunk = 512 * 1024;

    private static string Attachments(Guid credential) => $"/api/v1/credentials/{credential}/attachments";

    private static async Task<AttachmentView> UploadAsync(HttpClient client, Guid credential, string name, byte[] bytes, string type = "application/octet-stream") =>
        await client.PostAsync(Attachments(credential), Files.Form(name, bytes, type)).ReadAsync<AttachmentView>(HttpStatusCode.Created);

    private static async Task<byte[]> DownloadAsync(HttpClient client, Guid credential, Guid attachment, int? version = null)
    {
        using var response = await client.GetAsync($"{Attachments(credential)}/{attachment}/content{(version is { } v ? $"?version={v}" : "")}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<Guid> CredentialAsync(HttpClient client, string name = "Core router") =>
        client.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, username = "admin", secret = "router-secret" }).CreatedIdAsync();

    [Fact]
    public async Task A_20_MB_file_comes_back_byte_exact_as_a_download_that_is_an_audited_reveal()
    {
        var family = await App.Family().With("tech", "Technician").BuildAsync();
        var tech = family["tech"].Api;
        var credential = await CredentialAsync(family.Admin.Api);
        var bytes = Files.Random((20 * 1024 * 1024) + 12345);

        var attachment = await UploadAsync(family.Admin.Api, credential, "router-backup.cfg", bytes, "text/plain");
        attachment.Name.ShouldBe("router-backup.cfg");
        attachment.Size.ShouldBe(bytes.Length);
        attachment.ContentType.ShouldBe("text/plain");
        (await tech.GetAsync(Attachments(credential)).ReadAsync<List<AttachmentView>>(HttpStatusCode.OK)).Single().Id.ShouldBe(attachment.Id);

        using var response = await tech.GetAsync($"{Attachments(credential)}/{attachment.Id}/content");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream"); // never text/plain: nothing is rendered
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("router-backup.cfg");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        SHA256.HashData(await response.Content.ReadAsByteArrayAsync()).ShouldBe(SHA256.HashData(bytes));

        var events = await family.Admin.Api.GetAsync($"/api/v1/audit?credentialId={credential}").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK);
        events.Items.Select(e => e.Type).ShouldContain("credential.attachment.added");
        events.Items.ShouldContain(e => e.Type == "credential.attachment.downloaded" && e.Actor.UserId == family["tech"].UserId);
        var exposure = await family.Admin.Api.GetAsync($"/api/v1/users/{family["tech"].UserId}/exposure").ReadAsync<ExposureAnswer>(HttpStatusCode.OK);
        exposure.Tenants.Single().Credentials.Single().Reads.ShouldBe(["credential.attachment.downloaded"]);
    }

    [Fact]
    public async Task No_byte_of_an_uploaded_file_is_stored_in_clear_in_the_database()
    {
        var family = await App.Family().BuildAsync();
        var credential = await CredentialAsync(family.Admin.Api);
        var marker = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmU-clear";
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(marker + "\n", 20_000)));
        await UploadAsync(family.Admin.Api, credential, "id_ed25519", bytes);

        var dump = await RawDatabase.DumpAsync(App.Database);
        dump.ShouldContain("id_ed25519"); // the dump does read the attachment rows
        dump.ShouldNotContain("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU");
    }

    [Theory]
    [InlineData("swapped")]
    [InlineData("dropped")]
    [InlineData("truncated")]
    [InlineData("altered")]
    [InlineData("cut after a chunk")]
    public async Task A_chunk_tampered_with_in_storage_fails_the_download_with_a_problem_and_is_audited(string tampering)
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var credential = await CredentialAsync(admin);
        var attachment = await UploadAsync(admin, credential, "site.ovpn", Files.Random((3 * Chunk) + 100));
        var chunks = App.Database.Table("credentials", "file_chunks");
        var data = App.Database.Provider == BuildingBlocks.Persistence.DatabaseProvider.Sqlite ? "substr(\"Data\", 1, 1000)" : "substring(\"Data\" from 1 for 1000)";
        await App.Database.ExecuteAsync(tampering switch
        {
            "swapped" => $"UPDATE {chunks} SET \"Index\" = -1 WHERE \"Index\" = 1; UPDATE {chunks} SET \"Index\" = 1 WHERE \"Index\" = 2; UPDATE {chunks} SET \"Index\" = 2 WHERE \"Index\" = -1",
            "dropped" => $"DELETE FROM {chunks} WHERE \"Index\" = 1",
            "truncated" => $"UPDATE {chunks} SET \"Data\" = {data.Replace("1000", "50")} WHERE \"Index\" = 3",
            "altered" => $"UPDATE {chunks} SET \"Data\" = {data.Replace("1000", "100")} || {data.Replace("1, 1000", "101, 1000").Replace("from 1 for 1000", "from 101 for 900")} WHERE \"Index\" = 0",
            _ => $"DELETE FROM {chunks} WHERE \"Index\" = 3",
        });

        var problem = await admin.GetAsync($"{Attachments(credential)}/{attachment.Id}/content").ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        problem.GetProperty("title").GetString().ShouldBe("Integrity check failed");
        var events = await admin.GetAsync($"/api/v1/audit?credentialId={credential}").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK);
        events.Items.ShouldContain(e => e.Type == "credential.attachment.integrity-failed" && e.Outcome == "Failed");
        events.Items.ShouldNotContain(e => e.Type == "credential.attachment.downloaded");
    }

    [Fact]
    public async Task A_file_of_another_tenant_or_one_not_shared_answers_404_and_a_View_target_downloads_but_never_changes()
    {
        var family = await App.Family().Client("A").BuildAsync();
        var msp = family.Admin.Api;
        var site = family.Client("A").Admin.Api;
        var stranger = (await App.Family().BuildAsync()).Admin.Api;
        var credential = await CredentialAsync(msp);
        var bytes = Files.Random(1000);
        var attachment = await UploadAsync(msp, credential, "vpn.ovpn", bytes);
        var content = $"{Attachments(credential)}/{attachment.Id}/content";

        foreach (var outsider in new[] { site, stranger })
        {
            await outsider.GetAsync(Attachments(credential)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await outsider.GetAsync(content).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await outsider.PostAsync(Attachments(credential), Files.Form("x", [1])).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await msp.PutAsJsonAsync($"/api/v1/credentials/{credential}/shares/{family.Client("A").Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        (await DownloadAsync(site, credential, attachment.Id)).ShouldBe(bytes);
        await site.PostAsync(Attachments(credential), Files.Form("x", [1])).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await site.PutAsync($"{Attachments(credential)}/{attachment.Id}", Files.Form("x", [1])).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await site.DeleteAsync($"{Attachments(credential)}/{attachment.Id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await stranger.GetAsync(content).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // The download is audited on both sides.
        (await msp.GetAsync($"/api/v1/audit?credentialId={credential}&type=credential.attachment.downloaded").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items.ShouldNotBeEmpty();
        (await site.GetAsync($"/api/v1/audit?credentialId={credential}&type=credential.attachment.downloaded").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK)).Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_Edit_target_adds_and_replaces_files_but_never_deletes_the_origins_and_sees_only_versions_from_its_share_on()
    {
        var family = await App.Family().Client("A").BuildAsync();
        var msp = family.Admin.Api;
        var site = family.Client("A").Admin.Api;
        var credential = await CredentialAsync(msp);
        var first = await UploadAsync(msp, credential, "cert-2025.pfx", Files.Random(700, seed: 1));
        await msp.PutAsync($"{Attachments(credential)}/{first.Id}", Files.Form("cert-2026.pfx", Files.Random(800, seed: 2))).ReadAsync<AttachmentView>(HttpStatusCode.OK);
        await msp.PutAsJsonAsync($"/api/v1/credentials/{credential}/shares/{family.Client("A").Id}", new { enabled = true, audience = new { everyone = true }, permission = "Edit" })
            .ReadJsonAsync(HttpStatusCode.OK);

        var added = await UploadAsync(site, credential, "site-notes.txt", Files.Random(300, seed: 3));
        var replaced = await site.PutAsync($"{Attachments(credential)}/{first.Id}", Files.Form("cert-2027.pfx", Files.Random(900, seed: 4)))
            .ReadAsync<AttachmentView>(HttpStatusCode.OK);
        replaced.Version.ShouldBe(3);
        replaced.Name.ShouldBe("cert-2027.pfx");
        replaced.Versions.Select(v => v.Version).ShouldBe([2]); // version 1 was replaced before the client's share began
        await site.DeleteAsync($"{Attachments(credential)}/{first.Id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await site.DeleteAsync($"{Attachments(credential)}/{added.Id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await site.GetAsync($"{Attachments(credential)}/{first.Id}/content?version=1").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await DownloadAsync(site, credential, first.Id, version: 2)).ShouldBe(Files.Random(800, seed: 2));

        var atOrigin = await msp.GetAsync(Attachments(credential)).ReadAsync<List<AttachmentView>>(HttpStatusCode.OK);
        atOrigin.Select(a => a.Name).ShouldBe(["cert-2027.pfx", "site-notes.txt"]);
        atOrigin[0].Versions.Select(v => v.Version).ShouldBe([2, 1]);
        atOrigin[0].Versions[0].ReplacedBy.ShouldBe("Site Admin");
        (await DownloadAsync(msp, credential, first.Id, version: 1)).ShouldBe(Files.Random(700, seed: 1));
        (await DownloadAsync(msp, credential, first.Id)).ShouldBe(Files.Random(900, seed: 4));
        (await msp.DeleteAsync($"{Attachments(credential)}/{added.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Deleting_a_credential_or_an_attachment_deletes_its_files_and_gives_the_quota_back()
    {
        var family = await App.Family().BuildAsync();
        var msp = family.Admin.Api;
        var before = await SnapshotRowCountsAsync();
        var credential = await CredentialAsync(msp);
        var kept = await CredentialAsync(msp, "Kept");
        var attachment = await UploadAsync(msp, credential, "a.bin", Files.Random(Chunk + 1));
        await msp.PutAsync($"{Attachments(credential)}/{attachment.Id}", Files.Form("b.bin", Files.Random(10))).ReadAsync<AttachmentView>(HttpStatusCode.OK);
        var other = await UploadAsync(msp, kept, "c.bin", Files.Random(Chunk * 2));

        (await msp.DeleteAsync($"/api/v1/credentials/{credential}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await msp.DeleteAsync($"{Attachments(kept)}/{other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = (await SnapshotRowCountsAsync()).Split(',');
        after[^5..].ShouldBe(before.Split(',')[^5..], "attachments, versions, stored files, chunks and the bytes counted are as before");
    }

    [Fact]
    public async Task In_a_storage_directory_files_are_sealed_chunks_checked_on_download_and_removed_with_their_credential()
    {
        var family = await App.Family().BuildAsync();
        var folder = Directory.CreateTempSubdirectory("secureshare-files-").FullName;
        try
        {
            await using var host = App.CreateFactory(new Dictionary<string, string?> { ["Files:Storage"] = "Directory", ["Files:Directory"] = folder });
            var admin = host.CreateClient();
            admin.DefaultRequestHeaders.Authorization = family.Admin.Api.DefaultRequestHeaders.Authorization;
            var credential = await CredentialAsync(admin);
            var marker = "client VPN profile remote vpn.example 1194 <key>clear-9f3e</key>";
            var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(marker + "\n", 30_000)));
            var attachment = await UploadAsync(admin, credential, "office.ovpn", bytes);

            var stored = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ShouldHaveSingleItem();
            Encoding.Latin1.GetString(await File.ReadAllBytesAsync(stored)).ShouldNotContain("clear-9f3e");
            (await RawDatabase.DumpAsync(App.Database)).ShouldNotContain("clear-9f3e");
            (await DownloadAsync(admin, credential, attachment.Id)).ShouldBe(bytes);

            await using (var file = new FileStream(stored, FileMode.Open))
            {
                file.SetLength(file.Length - 10);
            }

            await admin.GetAsync($"{Attachments(credential)}/{attachment.Id}/content").ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
            (await admin.DeleteAsync($"/api/v1/credentials/{credential}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_purge_job_removes_the_bytes_and_rows_a_stopped_process_left()
    {
        var family = await App.Family().BuildAsync();
        var credential = await CredentialAsync(family.Admin.Api);
        var before = (await SnapshotRowCountsAsync()).Split(',')[^4..^1];
        await UploadAsync(family.Admin.Api, credential, "left.bin", Files.Random((2 * Chunk) + 1));

        // As if the process stopped between deleting the attachment and purging its file.
        await App.Database.ExecuteAsync($"DELETE FROM {App.Database.Table("credentials", "attachments")}");
        await App.Database.ExecuteAsync($"UPDATE {App.Database.Table("credentials", "stored_files")} SET \"State\" = 'Deleted'");
        await using (var scope = App.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new Modules.Credentials.Features.Attachments.PurgeFiles.Command())).ShouldBe(1);
        }

        (await SnapshotRowCountsAsync()).Split(',')[^4..^1].ShouldBe(before, "no stored file or chunk is left");
    }

    [Fact]
    public async Task A_file_past_the_limit_or_the_tenants_quota_answers_413_and_writes_nothing()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var credential = await CredentialAsync(admin);
        await using var small = App.CreateFactory(new Dictionary<string, string?> { ["Files:MaxFileMb"] = "1" });
        var limited = small.CreateClient();
        limited.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var before = await SnapshotRowCountsAsync();

        var tooLarge = await limited.PostAsync(Attachments(credential), Files.Form("big.iso", Files.Random((1024 * 1024) + 1))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        tooLarge.GetProperty("detail").GetString()!.ShouldContain("1 MiB");
        (await SnapshotRowCountsAsync()).ShouldBe(before);

        await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { fileQuotaMb = 2 }).ReadJsonAsync(HttpStatusCode.OK);
        before = await SnapshotRowCountsAsync();
        await UploadAsync(admin, credential, "one.bin", Files.Random(1536 * 1024));
        var overQuota = await admin.PostAsync(Attachments(credential), Files.Form("two.bin", Files.Random(1024 * 1024))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        overQuota.GetProperty("detail").GetString()!.ShouldContain("2 MiB");
        var after = await SnapshotRowCountsAsync();
        after.Split(',')[^5..].ShouldBe(["1", "0", "1", "3", (1536 * 1024).ToString()]);
        await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { fileQuotaMb = 100_000 }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\tech\\Desktop\\switch.cfg", "switch.cfg")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("a<b>c:d\"e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData(" ...", "file")]
    public async Task File_names_are_sanitised(string given, string stored)
    {
        var family = await App.Family().BuildAsync();
        var credential = await CredentialAsync(family.Admin.Api);
        var part = new ByteArrayContent([1, 2, 3]);
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(given)}");
        var form = new MultipartFormDataContent { part };
        (await family.Admin.Api.PostAsync(Attachments(credential), form).ReadAsync<AttachmentView>(HttpStatusCode.Created)).Name.ShouldBe(stored);
    }

    [Fact]
    public async Task Bad_uploads_answer_400_and_write_nothing()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var credential = await CredentialAsync(admin);
        var before = await SnapshotRowCountsAsync();

        await admin.PostAsJsonAsync(Attachments(credential), new { file = "not a file" }).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var noBoundary = new ByteArrayContent([1, 2, 3]);
        noBoundary.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        await admin.PostAsync(Attachments(credential), noBoundary).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var noFile = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        await admin.PostAsync(Attachments(credential), noFile).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var cut = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nno closing boundary"));
        cut.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        await admin.PostAsync(Attachments(credential), cut).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_File_credential_is_its_one_file_and_replacing_it_rotates_it()
    {
        var family = await App.Family().Client("A").BuildAsync();
        var msp = family.Admin.Api;
        await msp.PostAsJsonAsync("/api/v1/credentials", new { kind = "File", name = "Deploy key", secret = "no" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var credential = await msp.PostAsJsonAsync("/api/v1/credentials", new { kind = "File", name = "Deploy key", notes = "GitHub deploy key of the portal" }).CreatedIdAsync();
        var file = await UploadAsync(msp, credential, "deploy_ed25519", Files.Random(400));
        await msp.PostAsync(Attachments(credential), Files.Form("second", [1])).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var client = family.Client("A").Id;
        await msp.PutAsJsonAsync($"/api/v1/credentials/{credential}/shares/{client}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        await msp.PutAsJsonAsync($"/api/v1/credentials/{credential}/shares/{client}", new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        (await msp.GetAsync($"/api/v1/credentials/{credential}").ReadAsync<CredentialItem>(HttpStatusCode.OK)).NeedsRotation.ShouldBeTrue();

        await msp.PutAsync($"{Attachments(credential)}/{file.Id}", Files.Form("deploy_ed25519", Files.Random(400, seed: 5))).ReadAsync<AttachmentView>(HttpStatusCode.OK);
        var item = await msp.GetAsync($"/api/v1/credentials/{credential}").ReadAsync<CredentialItem>(HttpStatusCode.OK);
        item.Kind.ShouldBe("File");
        item.NeedsRotation.ShouldBeFalse();
        (await msp.ListCredentialsAsync("&needsRotation=true")).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AttachmentTests_Sqlite(SqliteApp app) : AttachmentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AttachmentTests_Postgres(PostgresApp app) : AttachmentTests(app);
