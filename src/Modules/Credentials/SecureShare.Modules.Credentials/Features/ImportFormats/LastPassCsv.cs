using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// LastPass's CSV export: url, username, password, totp, extra (the notes), name, grouping (the folder, subfolders after
/// "\"; a shared folder's name is its first segment), fav. A secure note has the URL "http://sn". A typed note (a server,
/// a database, a card …) writes its fields into the notes as "NoteType:…" then "Name:value" lines and "Notes:" with the
/// free text last: those become custom fields (secret when LastPass masks them: passwords, PINs, keys, card numbers and
/// codes) and the notes.
/// </summary>
internal sealed class LastPassCsv : IImportReader
{
    private const string SecureNoteUrl = "http://sn";

    public ImportFormat Format => ImportFormat.LastPassCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("url", "username", "password", "extra", "name", "grouping");

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        var result = options.File;
        await foreach (var row in ImportCsv.ReadAsync(file, ct))
        {
            var url = row["url"];
            var note = string.Equals(url, SecureNoteUrl, StringComparison.OrdinalIgnoreCase);
            var entry = new ImportedEntry
            {
                Row = row.Row,
                Name = row["name"],
                Kind = note ? CredentialKind.Note : CredentialKind.Password,
                Username = row["username"],
                Secret = row["password"],
                Notes = row["extra"],
                FolderPath = ImportText.Path(row["grouping"], '\\'),
            };
            if (!note)
            {
                entry.SetUrls([url]);
            }
            else if (entry.Notes?.StartsWith("NoteType:", StringComparison.Ordinal) == true)
            {
                TypedNote(entry);
            }

            entry.SetTotp(row["totp"]);
            if (ImportText.IsYes(row["fav"]))
            {
                entry.Tags.Add(ImportText.FavoriteTag);
            }

            result.Add(entry);
        }

        return result;
    }

    private static readonly string[] Masked = ["PASSWORD", "PIN", "PASSPHRASE", "PRIVATE KEY", "SECURITY CODE", "NUMBER", "SECRET", "KEY"];

    private static void TypedNote(ImportedEntry entry)
    {
        var lines = entry.Notes!.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        entry.Fields.Add(new ImportedField("Note type", lines[0]["NoteType:".Length..].Trim(), false));
        entry.Notes = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                if (lines[i].Length > 0)
                {
                    entry.Fields[^1] = entry.Fields[^1] with { Value = $"{entry.Fields[^1].Value}\n{lines[i]}" }; // a value over several lines
                }

                continue;
            }

            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..];
            if (name == "Notes")
            {
                entry.Notes = ImportText.Clean(string.Join('\n', [value, .. lines[(i + 1)..]]));
                return;
            }

            if (name != "Language" && value.Length > 0)
            {
                entry.Fields.Add(new ImportedField(name, value, Masked.Any(m => name.ToUpperInvariant().Contains(m, StringComparison.Ordinal))));
            }
        }
    }
}
