using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// KeePass 2's XML export (KeePass, KeePassXC, KeeWeb …): a tree of groups under one root group (whose own name is not a
/// folder), entries of named strings. Title, UserName, Password, URL and Notes are the credential; every other string is a
/// custom field, secret when KeePass protects it in memory. TOTP: KeePassXC's "otp" URI or its older "TOTP Seed", or
/// KeePass's "TimeOtp-Secret[-Base32|-Hex|-Base64]" with its period, length and algorithm. An entry's history gives its
/// earlier passwords, its attachments become its files. Entries in the recycle bin are skipped. DTDs are refused (no entity expansion).
/// </summary>
internal sealed class KeePassXml : IImportReader
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal) { "Title", "UserName", "Password", "URL", "Notes" };

    private static readonly (string Key, TotpEncoding Encoding)[] TimeOtpSecrets =
    [
        ("TimeOtp-Secret-Base32", TotpEncoding.Base32), ("TimeOtp-Secret-Hex", TotpEncoding.Hex), ("TimeOtp-Secret-Base64", TotpEncoding.Base64), ("TimeOtp-Secret", TotpEncoding.Utf8),
    ];

    public ImportFormat Format => ImportFormat.KeePassXml;

    public bool Recognizes(ImportHead head) => head.IsXml && head.Text.Contains("<KeePassFile", StringComparison.Ordinal);

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            document = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException e)
        {
            throw new UnreadableImportException($"The file is not valid XML (line {e.LineNumber}).");
        }

        if (document.Root?.Name.LocalName != "KeePassFile" || document.Root.Element("Root")?.Element("Group") is not { } root)
        {
            throw new UnreadableImportException("The file is XML but not a KeePass 2 export (no KeePassFile/Root/Group).");
        }

        if (document.Descendants().Any(v => v.Name.LocalName is "Value" or "Binary" && (string?)v.Attribute("Protected") == "True"))
        {
            throw new UnreadableImportException("Its protected values are still encrypted (the inner XML of a .kdbx): export it from KeePass as \"KeePass XML (2.x)\".");
        }

        var meta = document.Root.Element("Meta");
        var recycleBin = meta?.Element("RecycleBinUUID")?.Value;
        var binaries = meta?.Element("Binaries")?.Elements("Binary").Where(b => b.Attribute("ID") is not null)
            .GroupBy(b => (string)b.Attribute("ID")!).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var result = options.File;
        var row = 0;
        Walk(root, [], inRecycleBin: false);
        return result;

        void Walk(XElement group, IReadOnlyList<string> path, bool inRecycleBin)
        {
            foreach (var item in group.Elements())
            {
                if (item.Name.LocalName == "Entry")
                {
                    row++;
                    var entry = Entry(item, row, path);
                    if (inRecycleBin)
                    {
                        result.Skip(row, entry.Name, "It is in KeePass's recycle bin.");
                    }
                    else
                    {
                        Attach(result, entry, item, binaries);
                        result.Add(entry);
                    }
                }
                else if (item.Name.LocalName == "Group")
                {
                    var name = item.Element("Name")?.Value ?? "Group";
                    var recycled = inRecycleBin || (!string.IsNullOrEmpty(recycleBin) && item.Element("UUID")?.Value == recycleBin);
                    Walk(item, [.. path, name], recycled);
                }
            }
        }
    }

    private static ImportedEntry Entry(XElement item, int row, IReadOnlyList<string> path)
    {
        var strings = Strings(item);
        var entry = new ImportedEntry
        {
            Row = row,
            FolderPath = path,
            Name = Value(strings, "Title"),
            Username = Value(strings, "UserName"),
            Secret = Value(strings, "Password"),
            Notes = Value(strings, "Notes"),
        };
        entry.SetUrls([Value(strings, "URL")]);
        entry.AddTags(item.Element("Tags")?.Value, ';', ',');
        var totpKeys = Totp(entry, strings);
        foreach (var (key, (value, secret)) in strings.Where(s => !Standard.Contains(s.Key) && !totpKeys.Contains(s.Key)))
        {
            entry.Fields.Add(new ImportedField(key, value, secret));
        }

        var history = item.Element("History")?.Elements("Entry")
            .Select(h => (Password: Value(Strings(h), "Password"), When: ImportText.Date(h.Element("Times")?.Element("LastModificationTime")?.Value)))
            .Where(h => h.Password is not null)
            .OrderBy(h => h.When)
            .ToList() ?? [];
        string? previous = null;
        foreach (var (password, when) in history)
        {
            if (password != previous && password != entry.Secret)
            {
                entry.History.Add(new ImportedPastSecret(password!, when));
            }

            previous = password;
        }

        return entry;
    }

    /// <summary>
    /// The entry's attachments: each names its bytes in the file's Meta/Binaries by Ref (base64, gzip-compressed when the
    /// binary says so), or, in older files, holds them inline; a history entry's attachments are earlier files, not kept.
    /// </summary>
    private static void Attach(ImportedFile result, ImportedEntry entry, XElement item, Dictionary<string, XElement> binaries)
    {
        foreach (var binary in item.Elements("Binary"))
        {
            var name = binary.Element("Key")?.Value;
            var value = binary.Element("Value");
            var source = (string?)value?.Attribute("Ref") is { } reference ? binaries.GetValueOrDefault(reference) : value;
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(source?.Value ?? throw new FormatException());
            }
            catch (FormatException)
            {
                entry.Unmapped.Add($"Its file {name} is not brought over: the file does not hold its content.");
                continue;
            }

            using Stream content = (string?)source.Attribute("Compressed") == "True"
                ? new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)
                : new MemoryStream(bytes);
            try
            {
                result.Attach(entry, name, content);
            }
            catch (InvalidDataException)
            {
                entry.Unmapped.Add($"Its file {name} is not brought over: its compressed content is damaged.");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
    }

    /// <summary>Sets the TOTP from whichever form the entry has; the keys it took.</summary>
    private static HashSet<string> Totp(ImportedEntry entry, Dictionary<string, (string Value, bool Secret)> strings)
    {
        if (Value(strings, "otp") is { } uri)
        {
            entry.SetTotp(uri);
            return ["otp"];
        }

        if (Value(strings, "TOTP Seed") is { } seed)
        {
            entry.SetTotp(seed);
            if (Value(strings, "TOTP Settings") is { } settings && settings.Trim() != "30;6")
            {
                entry.Fields.Add(new ImportedField("TOTP Settings", settings, false));
                entry.Unmapped.Add($"Its TOTP settings ({settings}) differ from 30 s and 6 digits; SecureShare's codes will differ.");
            }

            return ["TOTP Seed", "TOTP Settings"];
        }

        foreach (var (key, encoding) in TimeOtpSecrets)
        {
            if (Value(strings, key) is { } secret)
            {
                entry.SetTotp(secret, encoding);
                var custom = new[] { ("TimeOtp-Period", "30"), ("TimeOtp-Length", "6"), ("TimeOtp-Algorithm", "HMAC-SHA-1") }
                    .Where(s => Value(strings, s.Item1) is { } v && v.Trim() != s.Item2).ToList();
                foreach (var (name, _) in custom)
                {
                    entry.Fields.Add(new ImportedField(name, Value(strings, name)!, false));
                }

                if (custom.Count > 0)
                {
                    entry.Unmapped.Add("Its TOTP settings differ from 30 s, 6 digits and SHA-1; SecureShare's codes will differ.");
                }

                return [.. TimeOtpSecrets.Select(t => t.Key), "TimeOtp-Period", "TimeOtp-Length", "TimeOtp-Algorithm"];
            }
        }

        return [];
    }

    private static Dictionary<string, (string Value, bool Secret)> Strings(XElement entry)
    {
        var strings = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var s in entry.Elements("String"))
        {
            if (s.Element("Key")?.Value is { Length: > 0 } key && s.Element("Value") is { } value)
            {
                strings[key] = (value.Value, (string?)value.Attribute("ProtectInMemory") == "True");
            }
        }

        return strings;
    }

    private static string? Value(Dictionary<string, (string Value, bool Secret)> strings, string key) =>
        strings.TryGetValue(key, out var s) ? ImportText.Clean(s.Value) : null;
}
