using System.Security.Cryptography;
using System.Text.Json.Serialization;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Services;

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

    /// <summary>The files the entry carries (their bytes in the spool).</summary>
    public List<ImportedAttachment> Attachments { get; } = [];

    /// <summary>
    /// Where its secret values wait in the spool, once checked: until then they are in the properties. It stays after
    /// <see cref="Restore"/>, so a transaction run again after a transient failure reads them again.
    /// </summary>
    public SpoolRecord? Spilled { get; set; }

    /// <summary>Moves the secret values (secret, notes, TOTP seed, fields, history) to the spool and out of this object.</summary>
    public void Spill(ImportSpool spool)
    {
        Spilled = spool.Write(new SpilledSecrets(Secret, Notes, Totp, [.. Fields], [.. History]));
        Forget();
    }

    /// <summary>Brings the secret values back from the spool, to write the credential: as often as it is written.</summary>
    public void Restore(ImportSpool spool)
    {
        if (Spilled is { } at)
        {
            var secrets = spool.Read(at);
            Forget();
            (Secret, Notes, Totp) = (secrets.Secret, secrets.Notes, secrets.Totp);
            Fields.AddRange(secrets.Fields);
            History.AddRange(secrets.History);
        }
    }

    /// <summary>Drops the secret values once the credential is made of them.</summary>
    public void Forget()
    {
        (Secret, Notes, Totp) = (null, null, null);
        Fields.Clear();
        History.Clear();
    }

    public override string ToString() => Redacted.Text;
}

/// <summary>An entry as the fields every credential is made from.</summary>
internal sealed record EntryFields(ImportedEntry Entry) : ICredentialFields
{
    public string? Name => Entry.Name;

    public string? Description => Entry.Description;

    public string? Username => Entry.Username;

    public string? Secret => Entry.Secret;

    public string? Url => Entry.Url;

    public string? Notes => Entry.Notes;

    public IReadOnlyList<string>? Tags => Entry.Tags;

    public IReadOnlyList<CustomFieldInput>? CustomFields => Entry.Fields.Select(f => new CustomFieldInput(f.Name, f.Value, f.Secret)).ToList();

    public string? TotpSeed => Entry.Totp;

    public override string ToString() => Redacted.Text;
}

/// <summary>An entry of the file that is not imported, and why; Name when the file gives one.</summary>
public sealed record SkippedRow(int Row, string? Name, string Reason);

/// <summary>Something of an imported entry that did not come over as it was (a passkey, a card's type), by row.</summary>
public sealed record ImportWarning(int Row, string? Name, string Message);

/// <summary>
/// What a format reader makes of a file: its entries fit to import, those it skipped, and what came over changed, in file
/// order. An entry is checked (<see cref="ImportChecks"/>) as the reader adds it, and its secret values go to the spool
/// then; a file with more entries than an import takes is refused as soon as the reader gets past the limit.
/// </summary>
internal sealed class ImportedFile(long maxFileBytes, long maxTotalBytes) : IDisposable
{
    /// <summary>Every file byte written to the spool, of files brought over or not: the spool holds no more of files than a tenant may store.</summary>
    private long _spooledFileBytes;

    public List<ImportedEntry> Entries { get; } = [];

    public List<SkippedRow> Skipped { get; } = [];

    public List<ImportWarning> Warnings { get; } = [];

    /// <summary>Folders the file declares, paths from its top, made even when no entry is in them (an empty folder of an export).</summary>
    public List<IReadOnlyList<string>> Folders { get; } = [];

    private ImportSpool? _spool;

    /// <summary>Where its secret values and files wait: made as the first entry is read, or adopted with a kept import's.</summary>
    public ImportSpool Spool { get => _spool ??= new ImportSpool(); init => _spool = value; }

    public void Add(ImportedEntry entry)
    {
        if (ImportChecks.Check(entry, Warnings) is { } reason)
        {
            Skip(entry.Row, entry.Name, reason);
            return;
        }

        CountOne();
        entry.Spill(Spool);
        Entries.Add(entry);
    }

    /// <summary>
    /// Keeps a file of an entry in the spool and adds it to the entry: read a chunk at a time, so a file that unpacks to
    /// more than a file may be (or all of them to more than a tenant may store) stops at the limit and is reported instead.
    /// </summary>
    public void Attach(ImportedEntry entry, string? name, Stream content)
    {
        var fileName = FileNames.Sanitize(name);
        var buffer = new byte[FileCipher.ChunkSize];
        var chunks = new List<SpoolRecord>();
        long size = 0;
        try
        {
            int length;
            do
            {
                length = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                size += length;
                if (size > maxFileBytes || _spooledFileBytes + size > maxTotalBytes)
                {
                    Warnings.Add(new ImportWarning(entry.Row, entry.Name, size > maxFileBytes
                        ? $"Its file {fileName} is not brought over: it is larger than the {maxFileBytes / (1024 * 1024)} MiB a file may be."
                        : $"Its file {fileName} is not brought over: the file's attachments come to more than the {maxTotalBytes / (1024 * 1024)} MiB a tenant may store."));
                    _spooledFileBytes += size - length; // its chunks before this one stay in the spool
                    return;
                }

                if (length > 0 || chunks.Count == 0)
                {
                    chunks.Add(Spool.Write(buffer.AsSpan(0, length)));
                }
            }
            while (length == buffer.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        _spooledFileBytes += size;
        entry.Attachments.Add(new ImportedAttachment(fileName, size, chunks));
    }

    public void Skip(int row, string? name, string reason)
    {
        CountOne();
        Skipped.Add(new SkippedRow(row, name, reason));
    }

    public void Dispose() => _spool?.Dispose();

    private void CountOne()
    {
        if (Entries.Count + Skipped.Count >= ImportFile.MaxEntries)
        {
            throw new UnreadableImportException($"The file holds more than {ImportFile.MaxEntries:N0} entries; one import takes at most {ImportFile.MaxEntries:N0}. Split it.");
        }
    }
}

/// <summary>The file could not be read as the format (not the format, broken, or locked with a wrong password): a 400.</summary>
internal sealed class UnreadableImportException(string message) : Exception(message);
