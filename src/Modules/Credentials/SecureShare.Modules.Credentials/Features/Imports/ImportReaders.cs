using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>What the caller said about the file besides its bytes.</summary>
/// <summary>What a reader is told besides the file: the export's password, a generic CSV's mapping, and where its entries go.</summary>
internal sealed record ImportReadOptions(string? Password, IReadOnlyDictionary<string, string>? ColumnMapping, ImportedFile File)
{
    public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
}

/// <summary>
/// The start of an uploaded file, enough to tell the formats apart: its first bytes, as text (a byte-order mark dropped),
/// and, when it reads as CSV, its first record.
/// </summary>
internal sealed class ImportHead
{
    public const int Size = 64 * 1024;

    public ImportHead(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
        Text = new UTF8Encoding(false, false).GetString(bytes.Span).TrimStart('\uFEFF');
        var trimmed = Text.TrimStart();
        IsZip = bytes.Span.StartsWith("PK\u0003\u0004"u8);
        IsJson = trimmed.StartsWith('{') || trimmed.StartsWith('[');
        IsXml = trimmed.StartsWith('<');
        if (!IsZip && !IsJson && !IsXml)
        {
            FirstRecord = ImportCsv.FirstRecord(bytes);
        }
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public string Text { get; }

    public bool IsZip { get; }

    public bool IsJson { get; }

    public bool IsXml { get; }

    public IReadOnlyList<string> FirstRecord { get; } = [];

    /// <summary>Whether the first record holds each of these column names (any case, any order).</summary>
    public bool HasColumns(params string[] names) =>
        names.All(n => FirstRecord.Any(c => string.Equals(c.Trim(), n, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>A reader of one format: whether a file's start looks like it, and what its entries are.</summary>
internal interface IImportReader
{
    ImportFormat Format { get; }

    /// <summary>Whether the file is this format, from its start alone. Checked most specific first (<see cref="ImportReaders.All"/>).</summary>
    bool Recognizes(ImportHead head);

    Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct);
}

internal static class ImportReaders
{
    /// <summary>Every format, the most specific first: a file is the first whose <see cref="IImportReader.Recognizes"/> it.</summary>
    public static readonly IReadOnlyList<IImportReader> All =
    [
        new ImportFormats.BitwardenJson(),
        new ImportFormats.KeeperJson(),
        new ImportFormats.OnePassword1Pux(),
        new ImportFormats.KeePassXml(),
        new ImportFormats.BitwardenCsv(),
        new ImportFormats.LastPassCsv(),
        new ImportFormats.OnePasswordCsv(),
        new ImportFormats.KeePassXcCsv(),
        new ImportFormats.PassportalCsv(),
        new ImportFormats.ItGlueCsv(),
        new ImportFormats.HuduCsv(),
        new ImportFormats.GenericCsv(),
        new ImportFormats.KeeperCsv(),
    ];

    public static IImportReader? For(ImportFormat format) => All.FirstOrDefault(r => r.Format == format);

    public static IImportReader? Detect(ImportHead head) => All.FirstOrDefault(r => r.Recognizes(head));
}

/// <summary>
/// CSV as the formats write it (RFC 4180, any line ending, a byte-order mark or none, the separator detected), read with
/// CsvHelper record by record into cells by column name; a record's <see cref="CsvRow.Row"/> is its spreadsheet row (the
/// header is 1). A record past 4 MiB (an unclosed quote swallowing the file) stops the read.
/// </summary>
internal static class ImportCsv
{
    public static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        HasHeader = false,
        MaxRecordSize = 4 * 1024 * 1024,
        IncludeValuesInExceptions = false,
    };

    /// <summary>The first record of these bytes (the start of a file), or none.</summary>
    public static IReadOnlyList<string> FirstRecord(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var csv = CsvReader.Create(bytes, Options);
            return csv.Read() ? csv.Current.ToArray() : [];
        }
        catch (CsvFormatException)
        {
            return [];
        }
    }

    /// <summary>
    /// The records after the header, as cells by the header's names (any case). With <paramref name="assumed"/> (a format
    /// whose header row is optional), a first record that lacks the assumed header's first column name is data read under
    /// the assumed header.
    /// </summary>
    public static async IAsyncEnumerable<CsvRow> ReadAsync(Stream file, [EnumeratorCancellation] CancellationToken ct, string[]? assumed = null)
    {
        string[]? header = null;
        await foreach (var (row, cells) in ReadRawAsync(file, ct))
        {
            if (header is null)
            {
                if (assumed is not null && !cells.Any(c => string.Equals(c.Trim(), assumed[0], StringComparison.OrdinalIgnoreCase)))
                {
                    header = assumed;
                    yield return new CsvRow(row, header, cells);
                    continue;
                }

                header = cells.Select(c => c.Trim()).ToArray();
                continue;
            }

            yield return new CsvRow(row, header, cells);
        }
    }

    /// <summary>Every record, the first included, with its spreadsheet row (for formats with no header row).</summary>
    public static async IAsyncEnumerable<(int Row, string[] Cells)> ReadRawAsync(Stream file, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var csv = CsvReader.Create(file, Options, leaveOpen: true);
        while (await Next(csv, ct))
        {
            var cells = csv.Current.ToArray();
            if (!cells.All(string.IsNullOrWhiteSpace))
            {
                yield return ((int)csv.RowNumber, cells);
            }
        }
    }

    private static async ValueTask<bool> Next(CsvReader csv, CancellationToken ct)
    {
        try
        {
            return await csv.ReadAsync(ct);
        }
        catch (CsvFormatException)
        {
            throw new UnreadableImportException($"The CSV cannot be read after row {csv.RowNumber} (a record past 4 MiB, or an unclosed quote).");
        }
    }
}

/// <summary>One CSV record with its header.</summary>
internal sealed class CsvRow(int row, string[] header, string[] cells)
{
    public int Row { get; } = row;

    public IReadOnlyList<string> Header { get; } = header;

    /// <summary>The cell under this column (any case), or null when it is empty or there is no such column.</summary>
    public string? this[string column]
    {
        get
        {
            var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            return i >= 0 && i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i] : null;
        }
    }

    /// <summary>Cells of columns other than these, in file order: what a format's own columns do not take.</summary>
    public IEnumerable<(string Column, string Value)> Others(IReadOnlyCollection<string> taken) =>
        header.Select((h, i) => (h, i < cells.Length ? cells[i] : string.Empty))
            .Where(c => !string.IsNullOrWhiteSpace(c.Item2) && !string.IsNullOrWhiteSpace(c.h) && !taken.Contains(c.h, StringComparer.OrdinalIgnoreCase));
}
