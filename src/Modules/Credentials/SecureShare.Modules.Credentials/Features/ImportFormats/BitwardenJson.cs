using System.Text.Json;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Bitwarden's JSON export, of a personal vault (folders) or an organization (collections), plain or password-protected
/// (<see cref="BitwardenEncryptedJson"/>). Logins, secure notes, cards, identities and SSH keys; custom fields keep their
/// hidden flag (a boolean is a visible "true"/"false"; a linked field, which only points at another field, is reported);
/// password history becomes versions; passkeys cannot be brought over and are reported.
/// </summary>
internal sealed class BitwardenJson : IImportReader
{
    /// <summary>The property of an item that holds what only SecureShare writes and reads (other readers ignore it).</summary>
    public const string Extension = "secureShare";

    public ImportFormat Format => ImportFormat.BitwardenJson;

    public bool Recognizes(ImportHead head) =>
        head.IsJson && head.Text.Contains("\"encrypted\"", StringComparison.Ordinal)
        && (head.Text.Contains("\"items\"", StringComparison.Ordinal) || head.Text.Contains("\"passwordProtected\"", StringComparison.Ordinal));

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        using var document = await ImportJson.ParseAsync(file, ct);
        var root = document.RootElement;
        if (root.Bool("encrypted"))
        {
            using var plain = BitwardenEncryptedJson.Decrypt(root, options.Password);
            return Read(plain.RootElement, options);
        }

        return Read(root, options);
    }

    private static ImportedFile Read(JsonElement root, ImportReadOptions options)
    {
        var result = options.File;
        var folders = Names(root, "folders");
        var collections = Names(root, "collections");
        result.Folders.AddRange(folders.Values.Concat(collections.Values).Select(f => ImportText.Path(f, '/')).Where(p => p.Count > 0));
        if (result.Folders.Count > ImportFile.MaxEntries)
        {
            throw new UnreadableImportException($"The file declares {result.Folders.Count:N0} folders; one import makes at most {ImportFile.MaxEntries:N0}.");
        }
        var row = 0;
        foreach (var item in root.Array("items"))
        {
            row++;
            var name = item.String("name");
            var type = item.Int("type");
            var entry = new ImportedEntry { Row = row, Name = name, Notes = item.String("notes") };
            if (item.String("folderId") is { } folder && folders.TryGetValue(folder, out var folderName))
            {
                entry.FolderPath = ImportText.Path(folderName, '/');
            }
            else if (item.Array("collectionIds").Select(c => c.GetString()).OfType<string>().ToList() is { Count: > 0 } ids)
            {
                entry.FolderPath = ImportText.Path(collections.GetValueOrDefault(ids[0]), '/');
                if (ids.Count > 1)
                {
                    entry.Unmapped.Add($"It is in {ids.Count} collections; it is placed in the first, {collections.GetValueOrDefault(ids[0])}.");
                }
            }

            switch (type)
            {
                case 1:
                    Login(entry, item.Object("login"));
                    break;
                case 2:
                    entry.Kind = CredentialKind.Note;
                    break;
                case 3:
                    Card(entry, item.Object("card"));
                    break;
                case 4:
                    Identity(entry, item.Object("identity"));
                    break;
                case 5:
                    SshKey(entry, item.Object("sshKey"));
                    break;
                default:
                    result.Skip(row, name, $"Bitwarden item type {type?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} is unknown.");
                    continue;
            }

            if (item.Bool("favorite"))
            {
                entry.Tags.Add(ImportText.FavoriteTag);
            }

            if (item.Int("reprompt") == 1)
            {
                entry.Unmapped.Add("Bitwarden asked for the master password again before showing it; SecureShare audits every reveal instead.");
            }

            foreach (var field in item.Array("fields"))
            {
                var fieldName = field.String("name") ?? "Field";
                switch (field.Int("type"))
                {
                    case 3:
                        entry.Unmapped.Add($"The linked field {fieldName} only pointed at another field of the item; it is not brought over.");
                        break;
                    case 1:
                        entry.Fields.Add(new ImportedField(fieldName, field.String("value") ?? string.Empty, true));
                        break;
                    default:
                        entry.Fields.Add(new ImportedField(fieldName, field.String("value") ?? string.Empty, false));
                        break;
                }
            }

            if (item.Object(Extension) is { ValueKind: JsonValueKind.Object } own)
            {
                FromSecureShare(entry, own);
                result.Add(entry);
                continue;
            }

            foreach (var past in item.Array("passwordHistory").Select(p => (Password: p.String("password"), When: ImportText.Date(p.String("lastUsedDate"))))
                         .Where(p => p.Password is not null).OrderBy(p => p.When))
            {
                entry.History.Add(new ImportedPastSecret(past.Password!, past.When));
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>
    /// SecureShare's own export: the kind, description, tags and every earlier version in full (not just passwords) come
    /// from the item's extension. A File credential's attachments are not in an export, so it arrives without them.
    /// </summary>
    private static void FromSecureShare(ImportedEntry entry, JsonElement own)
    {
        if (WireName.Parse<CredentialKind>(own.String("kind")) is { } kind)
        {
            entry.Kind = kind;
        }

        if (entry.Kind == CredentialKind.File)
        {
            entry.Unmapped.Add("Its attached files are not in an export: attach them again.");
        }

        entry.Description = own.String("description");
        entry.Username ??= own.String("username");
        entry.Url ??= own.String("url");
        entry.Tags.AddRange(own.Array("tags").Select(t => t.ValueKind == JsonValueKind.String ? ImportText.Clean(t.GetString()) : null).OfType<string>());
        foreach (var version in own.Array("versions").OrderBy(v => v.Int("version")))
        {
            entry.History.Add(new ImportedPastSecret(
                version.String("secret"),
                ImportText.Date(version.String("replacedAt")),
                version.String("notes"),
                version.String("totp"),
                [.. version.Array("fields").Select(f => new ImportedField(f.String("name") ?? "Field", f.String("value") ?? string.Empty, true))]));
        }
    }

    private static void Login(ImportedEntry entry, JsonElement login)
    {
        entry.Username = login.String("username");
        entry.Secret = login.String("password");
        entry.SetUrls(login.Array("uris").Select(u => u.String("uri")));
        entry.SetTotp(login.String("totp"));
        if (login.Array("fido2Credentials").Any())
        {
            entry.Unmapped.Add("Its passkey stays in Bitwarden: a passkey cannot be exported in a usable form.");
        }
    }

    private static void Card(ImportedEntry entry, JsonElement card)
    {
        entry.Kind = CredentialKind.Note;
        entry.Username = card.String("cardholderName");
        entry.Secret = card.String("number");
        entry.AddFields(card, ("brand", "Brand", false), ("expMonth", "Expiry month", false), ("expYear", "Expiry year", false), ("code", "Security code", true));
        entry.MoveSecretToField("Card number");
    }

    private static void Identity(ImportedEntry entry, JsonElement identity)
    {
        entry.Kind = CredentialKind.Note;
        entry.Username = identity.String("username");
        entry.AddFields(
            identity,
            ("title", "Title", false), ("firstName", "First name", false), ("middleName", "Middle name", false), ("lastName", "Last name", false),
            ("company", "Company", false), ("email", "Email", false), ("phone", "Phone", false),
            ("address1", "Address 1", false), ("address2", "Address 2", false), ("address3", "Address 3", false), ("city", "City", false),
            ("state", "State", false), ("postalCode", "Postal code", false), ("country", "Country", false),
            ("ssn", "Social security number", true), ("passportNumber", "Passport number", true), ("licenseNumber", "Licence number", true));
    }

    private static void SshKey(ImportedEntry entry, JsonElement key)
    {
        entry.Kind = CredentialKind.ApiSecret;
        entry.Secret = key.String("privateKey");
        entry.Username = key.String("keyFingerprint");
        entry.AddFields(key, ("publicKey", "Public key", false));
    }

    private static Dictionary<string, string> Names(JsonElement root, string property) =>
        root.Array(property).Where(f => f.String("id") is not null && f.String("name") is not null)
            .ToDictionary(f => f.String("id")!, f => f.String("name")!, StringComparer.Ordinal);
}
