using System.Net;
using System.Net.Http.Json;
using System.Security;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Files an import brings (KeePass attachments, 1PUX files): they become attachments as an upload would, counted against
/// the owner's quota; what does not fit is reported by row, and nothing of a file that was not attached stays stored.
/// </summary>
public abstract class ImportAttachmentTests(TestApp app) : DatabaseTest(app)
{
    private const int Kb = 1024;

    [Fact]
    public async Task Imported_files_take_the_owners_quota_one_past_the_file_limit_or_the_room_is_reported_and_files_not_attached_do_not_stay_stored()
    {
        var family = await App.Family().BuildAsync();
        await family.Admin.Api.PutAsJsonAsync("/api/v1/tenant/policy", new { fileQuotaMb = 2 }).ReadJsonAsync(HttpStatusCode.OK);
        await using var small = App.CreateFactory(new Dictionary<string, string?> { ["Files:MaxFileMb"] = "1" });
        var admin = small.CreateClient();
        admin.DefaultRequestHeaders.Authorization = family.Admin.Api.DefaultRequestHeaders.Authorization;
        var (first, second, third) = (Files.Random(700 * Kb), Files.Random(700 * Kb), Files.Random(700 * Kb));
        var vault = KeePass(("Router", first), ("Switch", second), ("Firewall", third), ("Disk image", Files.Random((1024 * Kb) + 1)));
        var before = await SnapshotRowCountsAsync();

        var dryRun = await admin.PostAsync("/api/v1/imports", ImportTests.Form("vault.xml", vault, ("dryRun", "true"))).ReadAsync<ImportView>(HttpStatusCode.OK);

        dryRun.Files.ShouldBe(2);
        dryRun.Warnings.Select(w => (w.Row, w.Name)).ShouldBe([(3, "Firewall"), (4, "Disk image")]);
        dryRun.Warnings[0].Message.ShouldStartWith("Its file Firewall.bin is not brought over: ");
        dryRun.Warnings[0].Message.ShouldEndWith(" has no room left for it in its file quota.");
        dryRun.Warnings[1].Message.ShouldBe("Its file Disk image.bin is not brought over: it is larger than the 1 MiB a file may be.");
        (await SnapshotRowCountsAsync()).ShouldBe(before, "a dry run stores nothing");

        var report = await admin.PostAsync("/api/v1/imports", ImportTests.Form("vault.xml", vault)).ReadAsync<ImportView>(HttpStatusCode.OK);

        (report.Created, report.Files).ShouldBe((4, 2));
        report.Warnings.ShouldBe(dryRun.Warnings);
        (await SnapshotRowCountsAsync()).Split(',')[^5..].ShouldBe(["2", "0", "2", "4", (1400 * Kb).ToString()], "attachments, versions, stored files, chunks, bytes counted");
        var router = (await admin.CredentialsAsync()).Single(c => c.Name == "Router");
        var attachment = (await admin.GetAsync($"/api/v1/credentials/{router.Id}/attachments").ReadAsync<List<AttachmentView>>(HttpStatusCode.OK)).ShouldHaveSingleItem();
        (await admin.GetByteArrayAsync($"/api/v1/credentials/{router.Id}/attachments/{attachment.Id}/content")).ShouldBe(first);
        var events = await admin.GetAsync($"/api/v1/audit?credentialId={router.Id}").ReadJsonAsync(HttpStatusCode.OK);
        events.ToString().ShouldContain("credential.attachment.added");

        var again = await admin.PostAsync("/api/v1/imports", ImportTests.Form("vault.xml", KeePass(("Router", Files.Random(100 * Kb)), ("Printer", Files.Random(100 * Kb)))))
            .ReadAsync<ImportView>(HttpStatusCode.OK);

        (again.Created, again.Files).ShouldBe((1, 1));
        again.Duplicates.ShouldHaveSingleItem().Name.ShouldBe("Router");
        (await SnapshotRowCountsAsync()).Split(',')[^5..].ShouldBe(["3", "0", "3", "5", (1500 * Kb).ToString()], "the duplicate's file was staged, then removed");
    }

    [Fact]
    public async Task What_a_file_unpacks_to_before_it_is_refused_counts_toward_what_one_import_may_unpack_so_a_file_of_oversized_files_cannot_fill_the_disk()
    {
        var family = await App.Family().BuildAsync();
        await using var small = App.CreateFactory(new Dictionary<string, string?> { ["Files:MaxFileMb"] = "1", ["Files:TenantQuotaMb"] = "2" });
        var admin = small.CreateClient();
        admin.DefaultRequestHeaders.Authorization = family.Admin.Api.DefaultRequestHeaders.Authorization;
        var vault = KeePass(("Disk image", Files.Random((1024 * Kb) + 1)), ("Backup", Files.Random((1024 * Kb) + 1)), ("Router", Files.Random(100 * Kb)));

        var report = await admin.PostAsync("/api/v1/imports", ImportTests.Form("vault.xml", vault, ("dryRun", "true"))).ReadAsync<ImportView>(HttpStatusCode.OK);

        report.Files.ShouldBe(0);
        report.Warnings.Select(w => w.Message).ShouldBe(
        [
            "Its file Disk image.bin is not brought over: it is larger than the 1 MiB a file may be.",
            "Its file Backup.bin is not brought over: it is larger than the 1 MiB a file may be.",
            "Its file Router.bin is not brought over: the file's attachments come to more than the 2 MiB a tenant may store.",
        ]);
    }

    /// <summary>A KeePass 2 XML export whose entries each carry one file (uncompressed, by reference to Meta/Binaries).</summary>
    public static byte[] KeePass(params (string Title, byte[] File)[] entries)
    {
        var binaries = string.Concat(entries.Select((e, i) => $"<Binary ID=\"{i}\" Compressed=\"False\">{Convert.ToBase64String(e.File)}</Binary>"));
        var items = string.Concat(entries.Select((e, i) =>
            $"<Entry><String><Key>Title</Key><Value>{SecurityElement.Escape(e.Title)}</Value></String><String><Key>Password</Key><Value>pw{i}</Value></String>"
            + $"<Binary><Key>{SecurityElement.Escape(e.Title)}.bin</Key><Value Ref=\"{i}\" /></Binary></Entry>"));
        return System.Text.Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><KeePassFile><Meta><Binaries>{binaries}</Binaries></Meta><Root><Group><Name>Root</Name>{items}</Group></Root></KeePassFile>");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportAttachmentTests_Sqlite(SqliteApp app) : ImportAttachmentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportAttachmentTests_Postgres(PostgresApp app) : ImportAttachmentTests(app);
