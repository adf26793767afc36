using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// 1Password's 1PUX export: a zip whose export.data (JSON) holds accounts → vaults → items, and files/ the attachments.
/// A vault becomes the top folder. An item's category gives its kind (a login, password, server, database, router or
/// email account → Password; an API credential or SSH key → API secret; a document → File; a secure note, card, identity … → Note);
/// its login fields give username and password, its sections give custom fields (concealed ones and card numbers
/// secret; the first one-time password field the TOTP; a server's or API credential's username, password and URL fill
/// the credential's own), its password history the versions, its tags and favourite the tags. The zip is read in memory
/// (never spooled to disk, where its secrets would lie in clear); a document becomes a File credential, and its file and
/// every file field's file are attached from files/.
/// </summary>
internal sealed class OnePassword1Pux : IImportReader
{
    private static readonly Dictionary<string, CredentialKind> Kinds = new()
    {
        ["001"] = CredentialKind.Password, ["005"] = CredentialKind.Password, ["102"] = CredentialKind.Password, ["109"] = CredentialKind.Password,
        ["110"] = CredentialKind.Password, ["111"] = CredentialKind.Password, ["112"] = CredentialKind.ApiSecret, ["114"] = CredentialKind.ApiSecret,
        ["006"] = CredentialKind.File,
    };

    private static readonly string[] SecretIds = ["password", "credential", "wireless_password", "pin"];

    public ImportFormat Format => ImportFormat.OnePassword1Pux;

    public bool Recognizes(ImportHead head) => head.IsZip && (head.Text.Contains("export.data", StringComparison.Ordinal) || head.Text.Contains("export.attributes", StringComparison.Ordinal));

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
            var data = zip.GetEntry("export.data") ?? throw new UnreadableImportException("The 1PUX file holds no export.data.");
            await using var json = await data.OpenAsync(ct);
            using var document = await ImportJson.ParseAsync(json, ct);
            return Read(document.RootElement, zip, options);
        }
        catch (InvalidDataException)
        {
            throw new UnreadableImportException("The file is not a readable zip (a 1PUX file is one).");
        }
    }

    private static ImportedFile Read(JsonElement root, ZipArchive zip, ImportReadOptions options)
    {
        var result = options.File;
        var row = 0;
        foreach (var vault in root.Array("accounts").SelectMany(a => a.Array("vaults")))
        {
            var vaultName = vault.Object("attrs").String("name");
            foreach (var item in vault.Array("items"))
            {
                row++;
                var overview = item.Object("overview");
                var details = item.Object("details");
                if (item.String("state") is { } state && state != "active" && state != "archived")
                {
                    result.Skip(row, overview.String("title"), $"It is in 1Password's trash (state \"{state}\").");
                    continue;
                }

                var entry = new ImportedEntry
                {
                    Row = row,
                    Name = overview.String("title"),
                    Kind = Kinds.GetValueOrDefault(item.String("categoryUuid") ?? string.Empty, CredentialKind.Note),
                    Notes = details.String("notesPlain"),
                    Secret = details.String("password"),
                    FolderPath = vaultName is null ? [] : [vaultName],
                };
                entry.SetUrls([overview.String("url"), .. overview.Array("urls").Select(u => u.String("url"))]);
                entry.Tags.AddRange(overview.Array("tags").Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null).OfType<string>());
                if (item.Int("favIndex") is > 0)
                {
                    entry.Tags.Add(ImportText.FavoriteTag);
                }

                if (item.String("state") == "archived")
                {
                    entry.Tags.Add(OnePasswordCsv.ArchivedTag);
                }

                LoginFields(entry, details);
                foreach (var section in details.Array("sections"))
                {
                    foreach (var field in section.Array("fields"))
                    {
                        SectionField(entry, field);
                    }
                }

                var files = details.Array("sections").SelectMany(section => section.Array("fields")).Select(f => f.Object("value").Object("file"))
                    .Prepend(details.Object("documentAttributes")).Where(f => f.String("documentId") is not null).ToList();

                entry.History.AddRange(details.Array("passwordHistory")
                    .Select(h => (Value: h.String("value"), Time: ImportText.Date(h.String("time"))))
                    .Where(h => h.Value is not null).OrderBy(h => h.Time).Select(h => new ImportedPastSecret(h.Value!, h.Time)));
                if (entry.Kind == CredentialKind.Note)
                {
                    entry.MoveSecretToField("Password");
                }

                foreach (var attached in files)
                {
                    Attach(result, entry, zip, attached);
                }

                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>A document's or a file field's bytes: files/ holds each as its documentId, two underscores, its file name.</summary>
    private static void Attach(ImportedFile result, ImportedEntry entry, ZipArchive zip, JsonElement file)
    {
        var name = file.String("fileName");
        var stored = zip.GetEntry($"files/{file.String("documentId")}__{name}")
            ?? zip.Entries.FirstOrDefault(z => z.FullName.StartsWith($"files/{file.String("documentId")}__", StringComparison.Ordinal));
        if (stored is null)
        {
            entry.Unmapped.Add($"Its file {name} is not brought over: the 1PUX file does not hold it.");
            return;
        }

        using var content = stored.Open();
        result.Attach(entry, name, content);
    }

    private static void LoginFields(ImportedEntry entry, JsonElement details)
    {
        foreach (var field in details.Array("loginFields"))
        {
            var value = field.String("value");
            switch (field.String("designation"))
            {
                case "username":
                    entry.Username ??= value;
                    break;
                case "password":
                    entry.Secret ??= value;
                    break;
                default:
                    if (value is not null)
                    {
                        entry.Fields.Add(new ImportedField(field.String("name") ?? "Field", value, field.String("fieldType") == "P"));
                    }

                    break;
            }
        }
    }

    private static void SectionField(ImportedEntry entry, JsonElement field)
    {
        var id = field.String("id") ?? string.Empty;
        var title = field.String("title") ?? id;
        var value = field.Object("value");
        if (!value.EnumerateObject().Any())
        {
            return;
        }

        var typed = value.EnumerateObject().First();
        var text = typed.Value.ValueKind == JsonValueKind.Object ? null : value.String(typed.Name);
        switch (typed.Name)
        {
            case "totp" when entry.Totp is null && text is not null:
                entry.SetTotp(text);
                return;
            case "file":
                return; // attached (Attach)
            case "sshKey":
                entry.Secret ??= typed.Value.String("privateKey");
                if (typed.Value.Object("metadata").String("publicKey") is { } publicKey)
                {
                    entry.Fields.Add(new ImportedField("Public key", publicKey, false));
                }

                return;
            case "address":
                text = ImportText.Clean(string.Join(", ", new[] { "street", "city", "state", "zip", "country" }.Select(p => typed.Value.String(p)).OfType<string>()));
                break;
            case "date" when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                text = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
        }

        if (text is null)
        {
            return;
        }

        var secret = typed.Name is "concealed" or "creditCardNumber" or "totp";
        if (secret && entry.Secret is null && SecretIds.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            entry.Secret = text;
        }
        else if (!secret && entry.Username is null && id.Equals("username", StringComparison.OrdinalIgnoreCase))
        {
            entry.Username = text;
        }
        else if (!secret && entry.Url is null && id is "url" or "hostname" or "server")
        {
            entry.Url = text;
        }
        else
        {
            entry.Fields.Add(new ImportedField(title, text, secret));
        }
    }
}
