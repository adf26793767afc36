using System.IO.Compression;
using System.Net;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// 1Password and Keeper: a sample file of each of their exports (written for these tests), imported into an empty tenant,
/// and the whole vault it leaves asserted field by field (<see cref="ImportTests.VaultAsync"/>).
/// </summary>
public abstract class ImportVendorTests(TestApp app) : DatabaseTest(app)
{
    private static string Vault(params string[] lines) => string.Join('\n', lines);

    [Fact]
    public async Task A_1Password_CSV_keeps_its_tags_favourites_archived_items_TOTP_and_an_extra_column_as_a_secret_field()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportTests.ImportAsync(admin, "1password.csv");

        report.Format.ShouldBe("1password-csv");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(5, null, "It has no name, URL or username to name it by.")]);
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "/ | Note | Alarm | user  | url  | notes Door code 4711",
            "/ | Password | Firewall | user fwadmin | url https://fw.contoso.com | tags Clients/Contoso,Favorite,network | totp JBSWY3DPEHPK3PXP | secret Fw!2026 | notes Rack 1"
                + " | fields Recovery code*=RC-1111",
            "/ | Password | Old VPN | user vpnuser | url vpn.contoso.com | tags Archived | secret Vpn#1"));
    }

    [Fact]
    public async Task A_1PUX_export_brings_vaults_as_folders_categories_as_kinds_sections_as_fields_history_and_files_and_skips_the_trash()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var json = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "ImportSamples", "1password-export.data.json"));

        var files = new Dictionary<string, byte[]> { ["files/doc1__config.txt"] = "hostname core-sw"u8.ToArray(), ["files/doc2__diagram.txt"] = "rack A1, A2"u8.ToArray() };
        var report = await admin.PostAsync("/api/v1/imports", ImportTests.Form("export.1pux", OnePux(json, files))).ReadAsync<ImportView>(HttpStatusCode.OK);

        report.Format.ShouldBe("1password-1pux");
        report.Created.ShouldBe(4);
        report.Files.ShouldBe(2);
        report.Skipped.ShouldBe([new SkippedView(5, "Deleted login", "It is in 1Password's trash (state \"trashed\").")]);
        report.Warnings.ShouldBeEmpty();
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "Clients | ApiSecret | Backup API | user svc-backup | url https://api.backup.example | secret api-key-123",
            "Clients | Password | Core switch | user admin | url https://10.0.0.2 | tags Favorite,network | totp JBSWY3DPEHPK3PXP | secret Sw1tch! | notes Rack 2"
                + " | fields URL 2=ssh://10.0.0.2, VLAN=20, Enable secret*=en-9!x | history First#1 < Second#2 | files config.txt=hostname core-sw",
            "Clients | File | Network diagram | user  | url  | notes Rack elevations | files diagram.txt=rack A1, A2",
            "Clients | Note | Wi-Fi guest | user  | url  | notes SSID: Guest"));
    }

    [Fact]
    public async Task A_Keeper_CSV_without_a_header_keeps_its_backslash_folders_typed_custom_fields_and_its_TOTP_pair()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportTests.ImportAsync(admin, "keeper.csv");

        report.Format.ShouldBe("keeper-csv");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(4, null, "It has no name, URL or username to name it by.")]);
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "Clients/Contoso | Note | Alarm | user  | url  | notes Door code 4711",
            "Clients/Contoso/Network | Password | Core switch | user admin | url https://10.0.0.2 | totp JBSWY3DPEHPK3PXP | secret Sw1tch!pass | notes Rack 2"
                + " | fields VLAN=20, Enable secret*=en-9!x",
            "Shared/Ops | Password | VPN | user vpnuser | url vpn.contoso.com | secret Vpn#1 | fields Legacy note=kept"));
    }

    [Fact]
    public async Task A_Keeper_JSON_keeps_record_types_shared_folder_paths_structured_fields_and_skips_a_file_record()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportTests.ImportAsync(admin, "keeper.json");

        report.Format.ShouldBe("keeper-json");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(4, "Scanned contract", "A Keeper file record holds only its file, which Keeper's JSON export leaves out: add the file to a credential by hand.")]);
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "Clients/Contoso | Note | Alarm codes | user  | url  | notes Front door 4711",
            "Clients/Contoso/Network | Password | Core switch | user admin | url https://10.0.0.2 | totp JBSWY3DPEHPK3PXP | secret Sw1tch!pass | notes Rack 2"
                + " | fields VLAN=20, Enable secret*=en-9!x, Console host name=10.0.0.3, Console port=22",
            "Shared/Ops/Keys | ApiSecret | Deploy key | user deploy | url  | secret -----BEGIN OPENSSH PRIVATE KEY-----\\nabc\\n-----END OPENSSH PRIVATE KEY-----"
                + " | fields Key pair public key=ssh-ed25519 AAAA deploy"));
    }

    /// <summary>A 1PUX file as 1Password writes one: a zip of export.attributes, export.data and the files under files/.</summary>
    public static byte[] OnePux(byte[] exportData, IReadOnlyDictionary<string, byte[]>? files = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var attributes = new StreamWriter(zip.CreateEntry("export.attributes").Open()))
            {
                attributes.Write("""{"version":3,"description":"1Password Unencrypted Export","createdAt":1700000000}""");
            }

            using (var data = zip.CreateEntry("export.data").Open())
            {
                data.Write(exportData);
            }

            foreach (var (path, bytes) in files ?? new Dictionary<string, byte[]>())
            {
                using var file = zip.CreateEntry(path).Open();
                file.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportVendorTests_Sqlite(SqliteApp app) : ImportVendorTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportVendorTests_Postgres(PostgresApp app) : ImportVendorTests(app);
