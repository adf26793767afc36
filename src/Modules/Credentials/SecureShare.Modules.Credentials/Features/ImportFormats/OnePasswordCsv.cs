using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// 1Password's CSV export (1Password 8): Title, Url, Username, Password, OTPAuth (an otpauth URI), Favorite, Archived,
/// Tags (";"-separated; a nested tag's "/" kept as written), Notes. The CSV carries no vaults, sections or custom fields
/// (1PUX does); a column added by hand or by an older 1Password is kept as a secret field. Favourite and archived items
/// are tagged so.
/// </summary>
internal sealed class OnePasswordCsv : IImportReader
{
    public const string ArchivedTag = "Archived";

    private static readonly string[] Own = ["Title", "Url", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"];

    public ImportFormat Format => ImportFormat.OnePasswordCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("Title", "Url", "Username", "Password", "OTPAuth");

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
            };
            entry.SetUrls([row["Url"]]);
            entry.SetTotp(row["OTPAuth"]);
            entry.AddTags(row["Tags"], ';');
            if (ImportText.IsYes(row["Favorite"]))
            {
                entry.Tags.Add(ImportText.FavoriteTag);
            }

            if (ImportText.IsYes(row["Archived"]))
            {
                entry.Tags.Add(ArchivedTag);
            }

            foreach (var (column, value) in row.Others(Own))
            {
                entry.Fields.Add(new ImportedField(column, value, true));
            }

            result.Add(entry);
        }

        return result;
    }
}
