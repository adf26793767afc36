using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Keeper's CSV export, which has no header row: Folder ("\"-separated), Title, Login, Password, Website Address, Notes,
/// Shared Folder, then custom fields as name, value pairs (<see cref="KeeperFields"/>; the TOTP is the pair "TFC:Keeper").
/// A record in a shared folder and a folder of its own is placed in its own and the shared one is reported. Recognised
/// last among the CSVs: a first row of at least seven cells, an odd count, that none of the headed formats claims.
/// </summary>
internal sealed class KeeperCsv : IImportReader
{
    public ImportFormat Format => ImportFormat.KeeperCsv;

    public bool Recognizes(ImportHead head) => head.FirstRecord.Count >= 7 && head.FirstRecord.Count % 2 == 1;

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        var result = options.File;
        await foreach (var (row, cells) in ImportCsv.ReadRawAsync(file, ct))
        {
            string? Cell(int i) => i < cells.Length ? ImportText.Clean(cells[i]) : null;
            var entry = new ImportedEntry
            {
                Row = row,
                Name = Cell(1),
                Username = Cell(2),
                Secret = Cell(3),
                Notes = Cell(5),
            };
            entry.SetUrls([Cell(4)]);
            var (own, shared) = (ImportText.Path(Cell(0), '\\'), ImportText.Path(Cell(6), '\\'));
            entry.FolderPath = own.Count > 0 ? own : shared;
            if (own.Count > 0 && shared.Count > 0)
            {
                entry.Unmapped.Add($"It is also in the shared folder {Cell(6)}; it is placed in its folder {Cell(0)}.");
            }

            for (var i = 7; i + 1 < cells.Length; i += 2)
            {
                if (ImportText.Clean(cells[i]) is { } name && ImportText.Clean(cells[i + 1]) is { } value)
                {
                    KeeperFields.Add(entry, name, value);
                }
            }

            result.Add(entry);
        }

        return result;
    }
}
