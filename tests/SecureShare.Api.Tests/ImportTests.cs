using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecureShare.Testing;

namespace SecureShare.Tests;

public sealed record SkippedView(int Row, string? Name, string Reason);

public sealed record WarningView(int Row, string? Name, string Message);

public sealed record DuplicateView(int Row, string Name, Guid ExistingId);

public sealed record FolderCountView(string Folder, int Count, bool New);

public sealed record TenantCountView(Guid TenantId, string Name, int Count);

public sealed record ImportView(
    string Format, bool DryRun, int Created, IReadOnlyList<SkippedView> Skipped, IReadOnlyList<DuplicateView> Duplicates, IReadOnlyList<FolderCountView> ByFolder,
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
    /// name, username, URL, tags, TOTP seed, secret, notes, custom fields (a secret one marked *) and earlier secrets.
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
}

/// <summary>A credential as its single read shows it: its description and custom fields (secret ones without a value).</summary>
public sealed record CredentialDetail(Guid Id, string Kind, string Name, string? Description, IReadOnlyList<CustomFieldView> CustomFields);

[Collection(SqliteCollection.Name)]
public sealed class ImportTests_Sqlite(SqliteApp app) : ImportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportTests_Postgres(PostgresApp app) : ImportTests(app);
