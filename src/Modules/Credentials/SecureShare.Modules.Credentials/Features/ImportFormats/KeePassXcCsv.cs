using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// KeePassXC's CSV export: Group (a path from the database's root group, "/"-separated; the root's own name is dropped),
/// Title, Username, Password, URL, Notes, TOTP (an otpauth URI), Icon, Last Modified, Created.
/// </summary>
internal sealed class KeePassXcCsv : IImportReader
{
    public ImportFormat Format => ImportFormat.KeePassXcCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("Group", "Title", "Username", "Password", "URL", "Notes");

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        var result = options.File;
        await foreach (var row in ImportCsv.ReadAsync(file, ct))
        {
            var entry = new ImportedEntry
            {
                Row = row.Row,
                Name = row["Title"],
                Username = row["Username"],
                Secret = row["Password"],
                Notes = row["Notes"],
                FolderPath = ImportText.Path(row["Group"], '/').Skip(1).ToList(),
            };
            entry.SetUrls([row["URL"]]);
            entry.SetTotp(row["TOTP"]);
            entry.AddTags(row["Tags"], ',', ';');
            result.Add(entry);
        }

        return result;
    }
}
