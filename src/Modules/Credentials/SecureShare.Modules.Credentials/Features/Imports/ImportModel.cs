using System.Text.Json.Serialization;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>The files an import reads, by the name the API and the UI give them.</summary>
public enum ImportFormat
{
    [JsonStringEnumMemberName("bitwarden-csv")]
    BitwardenCsv,
    [JsonStringEnumMemberName("bitwarden-json")]
    BitwardenJson,
    [JsonStringEnumMemberName("lastpass-csv")]
    LastPassCsv,
    [JsonStringEnumMemberName("1password-csv")]
    OnePasswordCsv,
    [JsonStringEnumMemberName("1password-1pux")]
    OnePassword1Pux,
    [JsonStringEnumMemberName("keeper-csv")]
    KeeperCsv,
    [JsonStringEnumMemberName("keeper-json")]
    KeeperJson,
    [JsonStringEnumMemberName("keepass-xml")]
    KeePassXml,
    [JsonStringEnumMemberName("keepassxc-csv")]
    KeePassXcCsv,
    [JsonStringEnumMemberName("passportal-csv")]
    PassportalCsv,
    [JsonStringEnumMemberName("itglue-csv")]
    ItGlueCsv,
    [JsonStringEnumMemberName("hudu-csv")]
    HuduCsv,
    [JsonStringEnumMemberName("generic-csv")]
    GenericCsv,
}

/// <summary>A custom field as a file gave it; a secret one is stored encrypted.</summary>
internal sealed record ImportedField(string Name, string Value, bool Secret)
{
    public override string ToString() => Redacted.Text;
}

/// <summary>
/// An earlier secret of an entry (oldest first), with when it stopped being current where the file says; SecureShare's own
/// export carries the notes, TOTP seed and secret fields of each version too.
/// </summary>
internal sealed record ImportedPastSecret(string? Secret, DateTimeOffset? ReplacedAt, string? Notes = null, string? Totp = null, IReadOnlyList<ImportedField>? Fields = null)
{
    public override string ToString() => Redacted.Text;
}

/// <summary>
/// One credential as a file describes it, in SecureShare's terms: where it goes (a folder path, and for the MSP formats
/// the client it belongs to), its kind and fields. <see cref="Row"/> is where the file has it (a CSV's line as a
/// spreadsheet numbers it, the header being 1; the n-th item of a JSON or XML file), so every report points back at it.
/// What the file carries that has no place here is kept in <see cref="Unmapped"/> and reported with the row.
/// </summary>
internal sealed class ImportedEntry
{
    public required int Row { get; init; }

    public IReadOnlyList<string> FolderPath { get; set; } = [];

    public string? Client { get; init; }

    public CredentialKind Kind { get; set; } = CredentialKind.Password;

    public string? Name { get; set; }

    public string? Username { get; set; }

    public string? Secret { get; set; }

    public string? Url { get; set; }

    public string? Notes { get; set; }

    public string? Description { get; set; }

    public List<string> Tags { get; } = [];

    public string? Totp { get; set; }

    public List<ImportedField> Fields { get; } = [];

    public List<ImportedPastSecret> History { get; } = [];

    public List<string> Unmapped { get; } = [];

    public override string ToString() => Redacted.Text;
}

/// <summary>An entry of the file that is not imported, and why; Name when the file gives one.</summary>
public sealed record SkippedRow(int Row, string? Name, string Reason);

/// <summary>Something of an imported entry that did not come over as it was (a passkey, a card's type), by row.</summary>
public sealed record ImportWarning(int Row, string? Name, string Message);

/// <summary>What a format reader makes of a file: its entries, those it skipped, in file order.</summary>
internal sealed class ImportedFile
{
    public List<ImportedEntry> Entries { get; } = [];

    public List<SkippedRow> Skipped { get; } = [];

    /// <summary>Folders the file declares, paths from its top, made even when no entry is in them (an empty folder of an export).</summary>
    public List<IReadOnlyList<string>> Folders { get; } = [];

    public void Skip(int row, string? name, string reason) => Skipped.Add(new SkippedRow(row, name, reason));
}

/// <summary>The file could not be read as the format (not the format, broken, or locked with a wrong password): a 400.</summary>
internal sealed class UnreadableImportException(string message) : Exception(message);
