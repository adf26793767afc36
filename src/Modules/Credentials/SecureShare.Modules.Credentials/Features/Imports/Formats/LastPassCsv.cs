using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Credentials.Features.Imports.Formats;

/// <summary>
/// LastPass's CSV export: url, username, password, totp, extra (the notes), name, grouping (the folder, subfolders after
/// "\"; a shared folder's name is its first segment), fav. A secure note has the URL "http://sn"; a typed note's
/// "NoteType:" text is kept in its notes as LastPass wrote it.
/// </summary>
internal sealed class LastPassCsv : IImportReader
{
    private const string SecureNoteUrl = "http://sn";

    public ImportFormat Format => ImportFormat.LastPassCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("url", "username", "password", "extra", "name", "grouping");

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        var result = new ImportedFile();
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

            entry.SetTotp(row["totp"]);
            if (ImportText.IsYes(row["fav"]))
            {
                entry.Tags.Add(ImportText.FavoriteTag);
            }

            result.Entries.Add(entry);
        }

        return result;
    }
}
