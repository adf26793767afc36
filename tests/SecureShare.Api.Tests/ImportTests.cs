using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using SecureShare.Testing;

namespace SecureShare.Tests;

public sealed record SkippedView(int Row, string? Name, string Reason);

public sealed record WarningView(int Row, string? Name, string Message);

public sealed record DuplicateView(int Row, string Name, Guid ExistingId);

public sealed record FolderCountView(string Folder, int Count, bool New);

public sealed record TenantCountView(Guid TenantId, string Name, int Count);

public sealed record ImportView(
    string Format, bool DryRun, int Created, int Files, IReadOnlyList<SkippedView> Skipped, IReadOnlyList<DuplicateView> Duplicates, IReadOnlyList<FolderCountView> ByFolder,
    IReadOnlyList<TenantCountView> ByTenant, IReadOnlyList<string> FoldersCreated, IReadOnlyList<WarningView> Warnings);

/// <summary>
/// Imports from the products MSPs leave: one sample file per format, written for these tests, covering nested folders, a
/// note, custom fields (secret and visible where the format tells them apart), TOTP in the format's form, and an entry that
/// must be skipped; each test asserts the whole vault the import leaves, field by field (<see cref="VaultAsync"/>).
/// </summary>
public abstract class ImportTests(TestApp app) : DatabaseTest(app)
{
    private const string Totp = "JBSWY3DPEHPK3PXP";

    /// <summary>Posts the sample file (fields first, the file last, as the API asks) and reads the report.</summary>
    public static async Task<ImportView> ImportAsync(HttpClient client, string sample, params (string Name, string Value)[] fields) =>
        await client.PostAsync("/api/v1/imports", Form(sample, await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "ImportSamples", sample)), fields))
            .ReadAsync<ImportView>(HttpStatusCode.OK);

    public static MultipartFormDataContent Form(string fileName, byte[] bytes, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>
    /// Every credential of the caller's tenant, one line each, ordered by folder path and name: where it is, its kind,
    /// name, username, URL, tags, TOTP seed, secret, notes, custom fields (a secret one marked *), earlier secrets and
    /// files (name=content as text).
    /// </summary>
    public static async Task<string> VaultAsync(HttpClient client)
    {
        var folders = await client.GetAsync("/api/v1/folders").ReadAsync<List<FolderView>>(HttpStatusCode.OK);
        string PathOf(Guid? id) => id is not { } f ? "/" : folders.Single(x => x.Id == f) is var folder && folder.ParentId is null ? folder.Name : $"{PathOf(folder.ParentId)}/{folder.Name}";
        var lines = new List<(string Folder, string Name, string Line)>();
        foreach (var item in await client.CredentialsAsync())
        {
            var secret = await client.GetAsync($"/api/v1/credentials/{item.Id}/secret").ReadAsync<SecretValues>(HttpStatusCode.OK);
            var detail = await client.GetAsync($"/api/v1/credentials/{item.Id}").ReadAsync<CredentialDetail>(HttpStatusCode.OK);
            var versions = await client.GetAsync($"/api/v1/credentials/{item.Id}/versions").ReadAsync<List<CredentialVersion>>(HttpStatusCode.OK);
            var files = new List<string>();
            foreach (var attachment in (await client.GetAsync($"/api/v1/credentials/{item.Id}/attachments").ReadAsync<List<AttachmentView>>(HttpStatusCode.OK)).OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                files.Add($"{attachment.Name}={await client.GetStringAsync($"/api/v1/credentials/{item.Id}/attachments/{attachment.Id}/content")}");
            }

            var fields = detail.CustomFields.Select(f => f.Secret ? $"{f.Name}*={secret.CustomFields.Single(s => s.Name == f.Name).Value}" : $"{f.Name}={f.Value}");
            var parts = new List<string> { PathOf(item.FolderId), item.Kind, item.Name, $"user {item.Username}", $"url {item.Url}" };
            parts.AddRange(new[]
            {
                item.Tags.Count > 0 ? $"tags {string.Join(",", item.Tags.Order(StringComparer.Ordinal))}" : null,
                secret.TotpSeed is { } totp ? $"totp {totp}" : null,
                secret.Secret is { } s ? $"secret {s}" : null,
                secret.Notes is { } n ? $"notes {n}" : null,
                detail.Description is { } d ? $"description {d}" : null,
                detail.CustomFields.Count > 0 ? $"fields {string.Join(", ", fields)}" : null,
                versions.Count > 0 ? $"history {string.Join(" < ", versions.OrderBy(v => v.Version).Select(v => v.Values.Secret))}" : null,
                files.Count > 0 ? $"files {string.Join(", ", files)}" : null,
            }.OfType<string>());
            lines.Add((PathOf(item.FolderId), item.Name, string.Join(" | ", parts).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)));
        }

        return string.Join('\n', lines.OrderBy(l => l.Folder, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Line));
    }

    private static string Vault(params string[] lines) => string.Join('\n', lines);

    [Fact]
    public async Task A_Bitwarden_CSV_comes_over_with_its_nested_folders_notes_fields_and_TOTP_and_a_card_is_reported_as_skipped()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportAsync(admin, "bitwarden.csv");

        report.Format.ShouldBe("bitwarden-csv");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(5, "Company card", "Bitwarden item type \"card\" is not a login or a secure note.")]);
        report.FoldersCreated.ShouldBe(["Clients", "Clients/Contoso", "Clients/Contoso/Network"]);
        report.Warnings.ShouldContain(w => w.Row == 4 && w.Message.Contains("master password", StringComparison.Ordinal));
        (await VaultAsync(admin)).ShouldBe(Vault(
            "/ | Password | Mail admin | user postmaster@example.com | url https://mail.example.com | totp JBSWY3DPEHPK3PXP | secret M@il-123",
            "Clients/Contoso | Note | Wi-Fi guest | user  | url  | notes SSID: Guest\\r\\nKey: welcome-2026",
            "Clients/Contoso/Network | Password | Core switch | user admin | url https://10.0.0.2 | tags Favorite | totp JBSWY3DPEHPK3PXP | secret Sw1tch!pass | notes Rack 2 | fields URL 2=ssh://10.0.0.2, VLAN*=20, Enable secret*=en-9!x"));
    }

    [Fact]
    public async Task A_Bitwarden_JSON_keeps_hidden_and_visible_fields_password_history_cards_and_SSH_keys_and_reports_passkeys_and_unknown_types()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportAsync(admin, "bitwarden.json");

        report.Format.ShouldBe("bitwarden-json");
        report.Created.ShouldBe(5);
        report.Skipped.ShouldBe([new SkippedView(6, "Something from the future", "Bitwarden item type 9 is unknown.")]);
        report.Warnings.Select(w => (w.Row, w.Message)).ShouldBe(
        [
            (1, "The linked field Login name only pointed at another field of the item; it is not brought over."),
            (5, "Its passkey stays in Bitwarden: a passkey cannot be exported in a usable form."),
        ]);
        (await VaultAsync(admin)).ShouldBe(Vault(
            "/ | Note | Company card | user Contoso Ltd | url  | fields Card number*=4111111111111111, Brand=Visa, Expiry month=12, Expiry year=2028, Security code*=123",
            "/ | ApiSecret | Deploy key | user SHA256:abc123 | url  | secret -----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXk=\\n-----END OPENSSH PRIVATE KEY----- | fields Public key=ssh-ed25519 AAAAC3Nza deploy",
            "/ | Password | Portal with passkey | user ops@example.com | url https://portal.example.com | secret P0rtal!",
            "Clients/Contoso | Note | Alarm codes | user  | url  | notes Front door 4711",
            "Clients/Contoso/Servers | Password | Domain controller | user CONTOSO\\administrator | url https://dc01.contoso.local | tags Favorite | totp JBSWY3DPEHPK3PXP | secret Current#3 | notes Primary DC"
                + " | fields URL 2=rdp://dc01, Site=HQ, DSRM password*=Dsrm#2026, Backed up=true | history First#1 < Second#2"));
    }

    [Fact]
    public async Task A_password_protected_Bitwarden_export_opens_with_its_password_and_a_wrong_or_missing_one_is_a_problem_that_writes_nothing()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var plain = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "ImportSamples", "bitwarden.json"));
        var locked = BitwardenProtected(Encoding.UTF8.GetString(plain), "correct horse battery", iterations: 100_000);

        foreach (var (fields, detail) in new[]
        {
            (Array.Empty<(string, string)>(), "password protected"),
            ([("password", "wrong horse")], "does not open"),
        })
        {
            var problem = await admin.PostAsync("/api/v1/imports", Form("export.json", locked, fields)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ToString().ShouldContain(detail);
        }

        (await admin.CredentialsAsync()).ShouldBeEmpty();
        (await admin.GetAsync("/api/v1/folders").ReadAsync<List<FolderView>>(HttpStatusCode.OK)).ShouldBeEmpty();

        var report = await admin.PostAsync("/api/v1/imports", Form("export.json", locked, ("password", "correct horse battery"))).ReadAsync<ImportView>(HttpStatusCode.OK);
        report.Format.ShouldBe("bitwarden-json");
        report.Created.ShouldBe(5);
        var imported = await VaultAsync(admin);
        var family2 = await App.Family().BuildAsync();
        await ImportAsync(family2.Admin.Api, "bitwarden.json");
        imported.ShouldBe(await VaultAsync(family2.Admin.Api));
    }

    [Fact]
    public async Task A_LastPass_CSV_keeps_its_backslash_folders_and_turns_a_typed_notes_lines_into_fields_and_an_entry_with_nothing_to_name_it_by_is_skipped()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportAsync(admin, "lastpass.csv");

        report.Format.ShouldBe("lastpass-csv");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(5, null, "It has no name, URL or username to name it by.")]);
        (await VaultAsync(admin)).ShouldBe(Vault(
            "Clients | Note | Alarm | user  | url  | notes Door code 4711",
            "Clients/Contoso | Note | Backup server | user  | url  | notes Weekly full backup\\non Sundays | fields Note type=Server, Hostname=backup01, Username=root, Password*=B@ckup-9",
            "Clients/Contoso/Network | Password | Firewall | user fwadmin | url https://fw.contoso.com | tags Favorite | totp JBSWY3DPEHPK3PXP | secret Fw!2026 | notes Rack 1"));
    }

    [Fact]
    public async Task A_KeePassXC_CSV_drops_its_root_group_from_paths_and_keeps_a_TOTP_with_other_settings_as_a_secret_field_with_a_warning()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportAsync(admin, "keepassxc.csv");

        report.Format.ShouldBe("keepassxc-csv");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(5, null, "It has no name, URL or username to name it by.")]);
        report.Warnings.ShouldContain(w => w.Row == 4 && w.Message.Contains("other than 6 digits", StringComparison.Ordinal));
        (await VaultAsync(admin)).ShouldBe(Vault(
            "/ | Password | VPN | user vpnuser | url vpn.contoso.com | totp JBSWY3DPEHPK3PXP | secret Vpn#1 | fields otpauth*=otpauth://totp/VPN?secret=JBSWY3DPEHPK3PXP&digits=8",
            "Clients/Contoso | Note | Printer PIN | user  | url  | notes PIN 2468 for the 3rd floor",
            "Clients/Contoso/Network | Password | Core router | user admin | url https://10.1.0.1 | totp JBSWY3DPEHPK3PXP | secret R0uter! | notes Rack 3"));
    }

    [Fact]
    public async Task A_KeePass_XML_keeps_its_group_tree_protected_strings_as_secret_fields_history_as_versions_attachments_as_files_and_skips_the_recycle_bin()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportAsync(admin, "keepass.xml");

        report.Format.ShouldBe("keepass-xml");
        report.Created.ShouldBe(3);
        report.Files.ShouldBe(2);
        report.Skipped.ShouldBe([new SkippedView(4, "Old switch", "It is in KeePass's recycle bin.")]);
        report.Warnings.ShouldBe([new WarningView(2, "Hypervisor", "Its file lost.bin is not brought over: the file does not hold its content.")]);
        (await VaultAsync(admin)).ShouldBe(Vault(
            "/ | Note | Licence keys | user  | url  | notes Office: XXXXX-11111",
            "Clients/Contoso | Password | Edge firewall | user admin | url https://fw.contoso.local | tags core,network | totp JBSWY3DPEHPK3PXP | secret Edge#3 | notes HA pair"
                + " | fields Serial=FG100F-1234, Recovery key*=RK-5555 | history Edge#1 < Edge#2 | files config.conf=hello",
            "Clients/Contoso/Servers | Password | Hypervisor | user root | url  | totp JBSWY3DPEHPK3PXP | secret Hv!42 | files hosts.txt=esxi host list\\n"));
    }

    [Fact]
    public async Task A_CSV_of_any_shape_comes_over_by_a_column_mapping_its_other_columns_as_fields_secret_unless_named_visible()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var mapping = """{"name":"Account","username":"Login","secret":"Pwd","url":"Site","folder":"Folder","notes":"Comments","kind":"Type","totp":"OTP","visibleColumns":"Floor"}""";

        var report = await ImportAsync(admin, "generic.csv", ("format", "generic-csv"), ("mapping", mapping));

        report.Format.ShouldBe("generic-csv");
        report.Created.ShouldBe(2);
        report.Skipped.ShouldBe([new SkippedView(4, "Payment card", "Its type \"card\" is none of password, note or API secret.")]);
        (await VaultAsync(admin)).ShouldBe(Vault(
            "Clients/Contoso | Note | Safe combination | user  | url  | notes 12-34-56 | fields Floor=Basement",
            "Clients/Contoso/Workstations | Password | Reception PC | user frontdesk | url  | totp JBSWY3DPEHPK3PXP | secret Desk#1 | notes By the door | fields PIN*=1234, Floor=Ground"));

        var unmapped = await admin.PostAsync("/api/v1/imports", Form("generic.csv", "Nothing;Here\n1;2\n"u8.ToArray(), ("format", "generic-csv"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unmapped.ToString().ShouldContain("No column of the file is a name");
    }

    [Fact]
    public async Task A_dry_run_reports_per_folder_and_tenant_what_would_be_created_the_duplicates_and_the_skips_and_writes_nothing()
    {
        var family = await App.Family().With("tech", "Technician").BuildAsync();
        var admin = family.Admin.Api;
        var existing = await admin.PostAsJsonAsync("/api/v1/credentials",
            new { kind = "Password", name = "mail ADMIN", username = "Postmaster@example.com", url = "https://mail.example.com", secret = "old" }).CreatedIdAsync();
        var before = await SnapshotRowCountsAsync();

        var dryRun = await ImportAsync(admin, "bitwarden.csv", ("dryRun", "true"));

        (await SnapshotRowCountsAsync()).ShouldBe(before);
        dryRun.DryRun.ShouldBeTrue();
        dryRun.Created.ShouldBe(2);
        dryRun.Duplicates.ShouldBe([new DuplicateView(4, "Mail admin", existing)]);
        dryRun.Skipped.Select(s => (s.Row, s.Reason)).ShouldBe(
        [
            (4, "It has the name, username and URL of a credential this tenant has."),
            (5, "Bitwarden item type \"card\" is not a login or a secure note."),
        ]);
        dryRun.ByFolder.ShouldBe([new FolderCountView("Clients/Contoso", 1, true), new FolderCountView("Clients/Contoso/Network", 1, true)]);
        dryRun.ByTenant.ShouldBe([new TenantCountView(family.MspId, dryRun.ByTenant.Single().Name, 2)]);
        dryRun.FoldersCreated.ShouldBe(["Clients", "Clients/Contoso", "Clients/Contoso/Network"]);

        var done = await ImportAsync(admin, "bitwarden.csv");
        (done with { DryRun = true }).ShouldBeEquivalentTo(dryRun);
        (await admin.CredentialsAsync()).Count.ShouldBe(3);
        var types = await admin.AuditTypesAsync(string.Empty);
        types.Count(t => t == "credential.created").ShouldBe(3);
        types.Count(t => t == "folder.created").ShouldBe(3);
        types.ShouldContain("credentials.imported");

        var again = await ImportAsync(admin, "bitwarden.csv", ("duplicates", "import"));
        again.Created.ShouldBe(3);
        again.Duplicates.Count.ShouldBe(3);
        again.FoldersCreated.ShouldBeEmpty();
        (await admin.CredentialsAsync()).Count.ShouldBe(6);

        await family["tech"].Api.PostAsync("/api/v1/imports", Form("bitwarden.csv", "name,password\nx,y\n"u8.ToArray())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_import_goes_below_the_folder_named_and_another_tenants_folder_is_a_404_that_writes_nothing()
    {
        var family = await App.Family().BuildAsync();
        var other = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        var onboarding = await admin.PostAsJsonAsync("/api/v1/folders", new { name = "Onboarding" }).CreatedIdAsync();
        var foreign = await other.Admin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "Theirs" }).CreatedIdAsync();
        var before = await SnapshotRowCountsAsync();

        await admin.PostAsync("/api/v1/imports", Form("x.csv", "name,password\nx,y\n"u8.ToArray(), ("folderId", foreign.ToString()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await admin.PostAsync("/api/v1/imports", Form("x.csv", "name,password\nx,y\n"u8.ToArray(), ("folderId", Guid.NewGuid().ToString()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SnapshotRowCountsAsync()).ShouldBe(before);

        var report = await ImportAsync(admin, "lastpass.csv", ("folderId", onboarding.ToString()));
        report.FoldersCreated.ShouldBe(["Clients", "Clients/Contoso", "Clients/Contoso/Network"]);
        (await VaultAsync(admin)).Split('\n').Select(l => l.Split(" | ")[0]).ShouldBe(["Onboarding/Clients", "Onboarding/Clients/Contoso", "Onboarding/Clients/Contoso/Network"]);
        (await VaultAsync(other.Admin.Api)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", null, "empty")]
    [InlineData("just some words\n", null, "none SecureShare reads")]
    [InlineData("{\"encrypted\": false, \"items\": [", null, "not valid JSON")]
    [InlineData("<KeePassFile><Root>", null, "not valid XML")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><KeePassFile><Root><Group><Name>&a;</Name></Group></Root></KeePassFile>", null, "not valid XML")]
    [InlineData("name,password\nx,y\n", "format=bogus", "format is one of")]
    [InlineData("name,password\nx,y\n", "dryRun=maybe", "dryRun is true or false")]
    [InlineData("name,password\nx,y\n", "folderId=nope", "folderId is a folder")]
    [InlineData("name,password\nx,y\n", "colour=red", "not colour")]
    [InlineData("name,password\nx,y\n", "mapping=[1]", "mapping is a JSON object")]
    [InlineData("name,password\nx,y\n", "mapping={\"nickname\":\"name\"}", "names a field")]
    public async Task Bad_imports_answer_400_with_the_reason_and_write_nothing(string body, string? field, string reason)
    {
        var family = await App.Family().BuildAsync();
        var before = await SnapshotRowCountsAsync();
        var content = Form("x.csv", Encoding.UTF8.GetBytes(body), field is null ? [] : [(field.Split('=', 2)[0], field.Split('=', 2)[1])]);

        var problem = await family.Admin.Api.PostAsync("/api/v1/imports", content).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ToString().ShouldContain(reason);
        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task More_entries_than_one_import_takes_is_a_400_and_a_file_past_the_import_limit_a_413()
    {
        var family = await App.Family().BuildAsync();
        var rows = new StringBuilder("name,password\n");
        for (var i = 0; i <= 100_000; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"Row {i},p{i}\n");
        }

        var problem = await family.Admin.Api.PostAsync("/api/v1/imports", Form("big.csv", Encoding.UTF8.GetBytes(rows.ToString()))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain("at most 100,000");
        (await family.Admin.Api.CredentialsAsync()).ShouldBeEmpty();

        await family.Admin.Api.PostAsync("/api/v1/imports", new StringContent("name,password\nx,y\n", Encoding.UTF8, "text/csv"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var huge = new byte[(100 * 1024 * 1024) + (128 * 1024)];
        await family.Admin.Api.PostAsync("/api/v1/imports", Form("huge.csv", huge)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>
    /// A password-protected export made as Bitwarden makes one, written here from the format's description: PBKDF2-SHA256
    /// over the salt's UTF-8 bytes, HKDF-Expand into "enc" and "mac" keys, AES-256-CBC with an HMAC-SHA256 over iv‖data.
    /// </summary>
    public static byte[] BitwardenProtected(string json, string password, int iterations)
    {
        var salt = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var master = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var enc = System.Security.Cryptography.HKDF.Expand(System.Security.Cryptography.HashAlgorithmName.SHA256, master, 32, Encoding.UTF8.GetBytes("enc"));
        var mac = System.Security.Cryptography.HKDF.Expand(System.Security.Cryptography.HashAlgorithmName.SHA256, master, 32, Encoding.UTF8.GetBytes("mac"));
        string Seal(string text)
        {
            var iv = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
            using var aes = System.Security.Cryptography.Aes.Create();
            aes.Key = enc;
            var data = aes.EncryptCbc(Encoding.UTF8.GetBytes(text), iv);
            var tag = System.Security.Cryptography.HMACSHA256.HashData(mac, iv.Concat(data).ToArray());
            return $"2.{Convert.ToBase64String(iv)}|{Convert.ToBase64String(data)}|{Convert.ToBase64String(tag)}";
        }

        return Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["encrypted"] = true,
            ["passwordProtected"] = true,
            ["salt"] = salt,
            ["kdfType"] = 0,
            ["kdfIterations"] = iterations,
            ["kdfMemory"] = null,
            ["kdfParallelism"] = null,
            ["encKeyValidation_DO_NOT_EDIT"] = Seal(Guid.NewGuid().ToString()),
            ["data"] = Seal(json),
        }));
    }
}

/// <summary>A credential as its single read shows it: its description and custom fields (secret ones without a value).</summary>
public sealed record CredentialDetail(Guid Id, string Kind, string Name, string? Description, IReadOnlyList<CustomFieldView> CustomFields);

[Collection(SqliteCollection.Name)]
public sealed class ImportTests_Sqlite(SqliteApp app) : ImportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportTests_Postgres(PostgresApp app) : ImportTests(app);
