using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Any CSV with a header row: its columns are matched to SecureShare's fields by the caller's mapping (field → column
/// name, e.g. {"name": "Account", "secret": "Pwd"}) or, without one, by common column names. Folders are paths with "/"
/// or "\". Every other column becomes a custom field, secret unless the mapping's "visibleColumns" (comma separated)
/// names it: a column whose meaning is unknown is treated as the more sensitive.
/// </summary>
internal sealed class GenericCsv : IImportReader
{
    /// <summary>The fields a column can fill, with the column names matched when no mapping names one.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = ["name", "title", "account", "item", "entry"],
        ["username"] = ["username", "user name", "user", "login", "login name", "email"],
        ["secret"] = ["password", "pass", "secret", "pwd"],
        ["url"] = ["url", "website", "web site", "uri", "address", "login url"],
        ["notes"] = ["notes", "note", "comments", "comment", "extra"],
        ["description"] = ["description"],
        ["folder"] = ["folder", "group", "path", "category"],
        ["tags"] = ["tags", "labels"],
        ["totp"] = ["totp", "otp", "otpauth", "2fa", "mfa", "one-time password"],
        ["kind"] = ["kind", "type"],
        ["client"] = ["client", "company", "organization", "organisation", "customer"],
    };

    public const string VisibleColumns = "visibleColumns";

    public ImportFormat Format => ImportFormat.GenericCsv;

    public bool Recognizes(ImportHead head) =>
        head.FirstRecord.Count > 1 && Fields["name"].Any(n => head.HasColumns(n)) && Fields["secret"].Concat(Fields["notes"]).Any(n => head.HasColumns(n));

    public Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct) =>
        ReadAsync(file, options.File, header => Match(header, options.ColumnMapping), assumedHeader: null, ct);

    /// <summary>
    /// Reads a CSV whose columns <paramref name="columnsOf"/> (given the header) assigns to fields; the formats with fixed
    /// columns (Passportal, IT Glue, Hudu) read this way too, with <paramref name="assumedHeader"/> where the header row is
    /// optional.
    /// </summary>
    public static async Task<ImportedFile> ReadAsync(Stream file, ImportedFile result, Func<IReadOnlyList<string>, CsvColumns> columnsOf, string[]? assumedHeader, CancellationToken ct)
    {
        CsvColumns? columns = null;
        await foreach (var row in ImportCsv.ReadAsync(file, ct, assumedHeader))
        {
            columns ??= columnsOf(row.Header);
            string? Cell(string field) => columns.Fields.TryGetValue(field, out var column) ? row[column] : null;
            var kind = Kind(Cell("kind"));
            if (kind is null)
            {
                result.Skip(row.Row, Cell("name"), $"Its type \"{Cell("kind")}\" is none of password, note or API secret.");
                continue;
            }

            var entry = new ImportedEntry
            {
                Row = row.Row,
                Kind = kind.Value,
                Name = Cell("name"),
                Username = Cell("username"),
                Secret = Cell("secret"),
                Notes = Cell("notes"),
                Description = Cell("description"),
                FolderPath = ImportText.Path(Cell("folder"), '/', '\\'),
                Client = Cell("client")?.Trim(),
            };
            entry.SetUrls([Cell("url")]);
            entry.SetTotp(Cell("totp"));
            entry.AddTags(Cell("tags"), ',', ';');
            foreach (var (column, value) in row.Others([.. columns.Fields.Values, .. columns.Dropped]))
            {
                entry.Fields.Add(new ImportedField(columns.Renamed?.GetValueOrDefault(column) ?? column, value, !columns.Visible.Contains(column)));
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>For a format with fixed columns: each field's column, the first of its names the header has.</summary>
    public static CsvColumns Fixed(
        IReadOnlyList<string> header, IReadOnlyDictionary<string, string[]> fields, string[] visible, string[] dropped, IReadOnlyDictionary<string, string>? renamed = null) => new(
        fields.Select(f => (f.Key, Column: f.Value.FirstOrDefault(n => header.Contains(n, StringComparer.OrdinalIgnoreCase))))
            .Where(f => f.Column is not null).ToDictionary(f => f.Key, f => f.Column!, StringComparer.OrdinalIgnoreCase),
        visible.ToHashSet(StringComparer.OrdinalIgnoreCase),
        dropped.ToHashSet(StringComparer.OrdinalIgnoreCase),
        renamed);

    /// <summary>Field → column: the mapping's where it names a column of the file, else the first column with a common name.</summary>
    private static CsvColumns Match(IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? mapping)
    {
        if (mapping is not null)
        {
            foreach (var (field, column) in mapping)
            {
                if (!Fields.ContainsKey(field) && !string.Equals(field, VisibleColumns, StringComparison.OrdinalIgnoreCase))
                {
                    throw new UnreadableImportException($"The mapping names a field \"{field}\"; the fields are {string.Join(", ", Fields.Keys)} and {VisibleColumns}.");
                }

                if (Fields.ContainsKey(field) && !header.Contains(column, StringComparer.OrdinalIgnoreCase))
                {
                    throw new UnreadableImportException($"The mapping maps {field} to a column \"{column}\" that the file's header does not have.");
                }
            }

            return new CsvColumns(
                mapping.Where(m => Fields.ContainsKey(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.OrdinalIgnoreCase),
                Visible(mapping),
                new HashSet<string>());
        }

        var matched = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, names) in Fields)
        {
            if (names.Select(n => header.FirstOrDefault(h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase))).OfType<string>().FirstOrDefault() is { } column
                && !matched.ContainsValue(column))
            {
                matched[field] = column;
            }
        }

        if (!matched.ContainsKey("name"))
        {
            throw new UnreadableImportException("No column of the file is a name (Name, Title, Account …): send a mapping that names it.");
        }

        return new CsvColumns(matched, Visible(mapping), new HashSet<string>());
    }

    private static HashSet<string> Visible(IReadOnlyDictionary<string, string>? mapping) =>
        (mapping?.GetValueOrDefault(VisibleColumns) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static CredentialKind? Kind(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "PASSWORD" or "LOGIN" => CredentialKind.Password,
        "NOTE" or "SECURE NOTE" or "SECURENOTE" => CredentialKind.Note,
        "API" or "APISECRET" or "API SECRET" or "API KEY" => CredentialKind.ApiSecret,
        _ => null,
    };
}

/// <summary>
/// How a CSV's columns are read: field → column; of the other columns, which are visible fields (the rest secret), which
/// are dropped, and which take another name as a field.
/// </summary>
internal sealed record CsvColumns(
    IReadOnlyDictionary<string, string> Fields, IReadOnlySet<string> Visible, IReadOnlySet<string> Dropped, IReadOnlyDictionary<string, string>? Renamed = null);
