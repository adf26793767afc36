using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Bitwarden's CSV export, of a personal vault (a <c>folder</c> column) or an organization (<c>collections</c>, comma
/// separated). Nested folders are named with "/". Logins and secure notes only (Bitwarden writes no cards or identities
/// to CSV). Custom fields are "name: value" lines; the CSV does not say which were hidden, so all are kept secret.
/// </summary>
internal sealed class BitwardenCsv : IImportReader
{
    public ImportFormat Format => ImportFormat.BitwardenCsv;

    public bool Recognizes(ImportHead head) =>
        head.HasColumns("type", "name", "notes", "fields", "login_uri", "login_username", "login_password", "login_totp");

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        var result = options.File;
        await foreach (var row in ImportCsv.ReadAsync(file, ct))
        {
            var name = row["name"];
            var type = row["type"]?.Trim().ToUpperInvariant();
            if (type is not ("LOGIN" or "NOTE" or null))
            {
                result.Skip(row.Row, name, $"Bitwarden item type \"{row["type"]}\" is not a login or a secure note.");
                continue;
            }

            var entry = new ImportedEntry { Row = row.Row, Name = name, Kind = type == "NOTE" ? CredentialKind.Note : CredentialKind.Password };
            var collections = ImportText.Clean(row["collections"])?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            entry.FolderPath = ImportText.Path(row["folder"] ?? collections.FirstOrDefault(), '/');
            if (collections.Length > 1)
            {
                entry.Unmapped.Add($"It is in {collections.Length} collections; it is placed in the first, {collections[0]}.");
            }

            entry.Notes = row["notes"];
            entry.Username = row["login_username"];
            entry.Secret = row["login_password"];
            entry.SetUrls((row["login_uri"] ?? string.Empty).Split(','));
            entry.SetTotp(row["login_totp"]);
            if (ImportText.IsYes(row["favorite"]))
            {
                entry.Tags.Add(ImportText.FavoriteTag);
            }

            if (ImportText.IsYes(row["reprompt"]))
            {
                entry.Unmapped.Add("Bitwarden asked for the master password again before showing it; SecureShare audits every reveal instead.");
            }

            foreach (var line in (row["fields"] ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                entry.Fields.Add(colon > 0
                    ? new ImportedField(line[..colon].Trim(), line[(colon + 2)..].TrimEnd('\r'), true)
                    : new ImportedField(line.Trim().TrimEnd(':'), string.Empty, true));
            }

            result.Add(entry);
        }

        return result;
    }
}
