using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Modules.Credentials.Features.Links;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Link shares carry files: copies of attachments the creator picks, sealed under the link's key (which the server does not
/// keep), fetched by the recipient with the grant of an open and opened in the page; gone with the link.
/// </summary>
public abstract class LinkFileTests(TestApp app) : DatabaseTest(app)
{
    private sealed record Link(Guid Id, string Token, byte[] Key);

    private static async Task<Link> CreateLinkAsync(HttpClient client, Guid credential, object body)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/credentials/{credential}/links", body).ReadJsonAsync(HttpStatusCode.Created);
        var url = new Uri(created.GetProperty("url").GetString()!);
        return new Link(created.GetProperty("id").GetGuid(), url.AbsolutePath[3..], Base64Url.DecodeFromChars(url.Fragment.TrimStart('#')));
    }

    private static Task<HttpResponseMessage> FetchAsync(HttpClient recipient, Link link, Guid file, string? grant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/links/{link.Token}/files/{file}");
        if (grant is not null)
        {
            request.Headers.Add(DownloadLinkFile.GrantHeader, grant);
        }

        return recipient.SendAsync(request);
    }

    /// <summary>
    /// What the recipient page does with WebCrypto: the file key is HKDF-SHA256 of the link key (info names the file), each
    /// chunk AES-256-GCM with its index as nonce and the file, index and last-chunk flag as associated data.
    /// </summary>
    private static byte[] Open(byte[] linkKey, Guid fileId, byte[] framed)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, linkKey, 32, salt: [], info: Encoding.ASCII.GetBytes($"secureshare/link-file/v1/{fileId:N}"));
        var chunks = new List<byte[]>();
        for (var at = 0; at < framed.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(at));
            chunks.Add(framed.AsSpan(at + 4, length).ToArray());
            at += 4 + length;
        }

        using var aes = new AesGcm(key, 16);
        var plain = new MemoryStream();
        for (var i = 0; i < chunks.Count; i++)
        {
            var nonce = new byte[12];
            BinaryPrimitives.WriteInt64BigEndian(nonce, i);
            var context = new byte[25 + 16 + 8 + 1];
            Encoding.ASCII.GetBytes("secureshare/file-chunk/v1").CopyTo(context, 0);
            fileId.TryWriteBytes(context.AsSpan(25, 16), bigEndian: true, out _);
            BinaryPrimitives.WriteInt64BigEndian(context.AsSpan(41), i);
            context[^1] = i == chunks.Count - 1 ? (byte)1 : (byte)0;
            var output = new byte[chunks[i].Length - 16];
            aes.Decrypt(nonce, chunks[i].AsSpan(0, output.Length), chunks[i].AsSpan(output.Length), output, context);
            plain.Write(output);
        }

        return plain.ToArray();
    }

    private async Task ExpireLinksAsync()
    {
        await using var scope = App.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExpireLinks.Command());
    }

    [Fact]
    public async Task A_link_carries_the_files_picked_sealed_under_its_key_and_its_recipient_fetches_them_with_the_grant_of_its_open()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var credential = await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Branch VPN", secret = "vpn-secret" }).CreatedIdAsync();
        var profile = Files.Random((1024 * 1024) + 7, seed: 11);
        var sent = await admin.PostAsync($"/api/v1/credentials/{credential}/attachments", Files.Form("branch.ovpn", profile)).ReadAsync<AttachmentView>(HttpStatusCode.Created);
        await admin.PostAsync($"/api/v1/credentials/{credential}/attachments", Files.Form("not-sent.txt", [1, 2])).ReadAsync<AttachmentView>(HttpStatusCode.Created);
        var before = await SnapshotRowCountsAsync();

        await admin.PostAsJsonAsync($"/api/v1/credentials/{credential}/links", new { title = "x", maxViews = 1, attachmentIds = new[] { Guid.NewGuid() } })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await SnapshotRowCountsAsync()).ShouldBe(before);

        var link = await CreateLinkAsync(admin, credential, new { title = "VPN for the new branch", maxViews = 1, attachmentIds = new[] { sent.Id } });
        var recipient = App.CreateClient();
        var opened = await recipient.PostAsJsonAsync($"/api/v1/public/links/{link.Token}/open", new { }).ReadJsonAsync(HttpStatusCode.OK);
        var file = opened.GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        file.GetProperty("name").GetString().ShouldBe("branch.ovpn");
        file.GetProperty("size").GetInt64().ShouldBe(profile.Length);
        var fileId = file.GetProperty("id").GetGuid();
        var grant = opened.GetProperty("filesGrant").GetString()!;

        // The link's last view is spent, yet its recipient fetches the file with the open's grant; nobody does without it.
        await FetchAsync(recipient, link, fileId, null).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await FetchAsync(recipient, link, fileId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await FetchAsync(recipient, link, sent.Id, grant).ShouldBeProblemAsync(HttpStatusCode.Gone);
        using var response = await FetchAsync(recipient, link, fileId, grant);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var framed = await response.Content.ReadAsByteArrayAsync();
        Open(link.Key, fileId, framed).ShouldBe(profile);
        Should.Throw<AuthenticationTagMismatchException>(() => Open(RandomNumberGenerator.GetBytes(32), fileId, framed));
        (await admin.GetAsync($"/api/v1/audit?credentialId={credential}&type=link.file.downloaded").ReadAsync<PageOf<AuditEventWithActor>>(HttpStatusCode.OK))
            .Items.ShouldHaveSingleItem();

        // Revoked, the link's files go: fetching answers 410 and the job leaves no byte of them.
        (await admin.DeleteAsync($"/api/v1/links/{link.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await FetchAsync(recipient, link, fileId, grant).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await ExpireLinksAsync();
        (await SnapshotRowCountsAsync()).Split(',')[^5..].ShouldBe(before.Split(',')[^5..]);
    }

    [Fact]
    public async Task Stopping_the_share_a_link_came_from_ends_its_files_at_once_even_within_the_grant_of_its_last_view()
    {
        var family = await App.Family().Client("A").BuildAsync();
        var msp = family.Admin.Api;
        var site = family.Client("A").Admin.Api;
        var credential = await msp.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Shared VPN", secret = "vpn" }).CreatedIdAsync();
        var profile = await msp.PostAsync($"/api/v1/credentials/{credential}/attachments", Files.Form("vpn.ovpn", Files.Random(5000))).ReadAsync<AttachmentView>(HttpStatusCode.Created);
        var share = $"/api/v1/credentials/{credential}/shares/{family.Client("A").Id}";
        await msp.PutAsJsonAsync(share, new { enabled = true, audience = new { everyone = true }, permission = "View" }).ReadJsonAsync(HttpStatusCode.OK);
        var link = await CreateLinkAsync(site, credential, new { title = "VPN for a contractor", maxViews = 1, attachmentIds = new[] { profile.Id } });
        var recipient = App.CreateClient();
        var opened = await recipient.PostAsJsonAsync($"/api/v1/public/links/{link.Token}/open", new { }).ReadJsonAsync(HttpStatusCode.OK);
        var fileId = opened.GetProperty("files")[0].GetProperty("id").GetGuid();
        var grant = opened.GetProperty("filesGrant").GetString()!;
        (await FetchAsync(recipient, link, fileId, grant)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await msp.PutAsJsonAsync(share, new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        await FetchAsync(recipient, link, fileId, grant).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await ExpireLinksAsync();
        (await SnapshotRowCountsAsync()).Split(',')[^3].ShouldBe("1", "only the attachment's own file is left");
    }

    [Fact]
    public async Task A_used_up_links_files_go_when_its_last_grant_runs_out_and_a_deleted_credentials_with_the_purge()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var credential = await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "File", name = "Root CA" }).CreatedIdAsync();
        var before = await SnapshotRowCountsAsync();
        var ca = await admin.PostAsync($"/api/v1/credentials/{credential}/attachments", Files.Form("root-ca.pem", Files.Random(3000))).ReadAsync<AttachmentView>(HttpStatusCode.Created);
        var link = await CreateLinkAsync(admin, credential, new { title = "Root CA", maxViews = 1, attachmentIds = new[] { ca.Id } });
        (await App.CreateClient().PostAsJsonAsync($"/api/v1/public/links/{link.Token}/open", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ExpireLinksAsync();
        (await SnapshotRowCountsAsync()).Split(',')[^3].ShouldBe("2", "within its grant the used-up link's file stays");
        await App.Database.ExecuteAsync($"UPDATE {App.Database.Table("credentials", "link_shares")} SET \"FilesGrantExpiresAt\" = NULL");
        await ExpireLinksAsync();
        (await SnapshotRowCountsAsync()).Split(',')[^3].ShouldBe("1", "past its grant the link's copy is gone, the attachment stays");

        var second = await CreateLinkAsync(admin, credential, new { title = "Root CA again", maxViews = 5, attachmentIds = new[] { ca.Id } });
        second.Token.ShouldNotBeNullOrEmpty();
        (await admin.DeleteAsync($"/api/v1/credentials/{credential}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var scope = App.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Modules.Credentials.Features.Attachments.PurgeFiles.Command());
        }

        var after = (await SnapshotRowCountsAsync()).Split(',');
        after[^5..].ShouldBe(before.Split(',')[^5..]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LinkFileTests_Sqlite(SqliteApp app) : LinkFileTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LinkFileTests_Postgres(PostgresApp app) : LinkFileTests(app);
