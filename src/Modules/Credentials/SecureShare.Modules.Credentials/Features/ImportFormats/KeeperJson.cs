using System.Text.Json;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Keeper's JSON export: "records", each with title, $type (login, a server, a database, an encrypted note, an SSH key, a
/// card …), login, password, login_url, notes, custom_fields (<see cref="KeeperFields"/>) and folders (a user folder path,
/// or a shared folder and a folder inside it, "\"-separated). An encrypted note, a card, an address, an identity document
/// become notes with their fields; an SSH key an API secret (its private key the secret); a file record carries only its
/// file, which the JSON export leaves out, and is skipped.
/// </summary>
internal sealed class KeeperJson : IImportReader
{
    private static readonly HashSet<string> NoteTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "encryptedNotes", "bankCard", "bankAccount", "address", "contact", "driverLicense", "passport", "membership", "healthInsurance", "ssnCard", "birthCertificate",
    };

    public ImportFormat Format => ImportFormat.KeeperJson;

    public bool Recognizes(ImportHead head) =>
        head.IsJson && head.Text.Contains("\"records\"", StringComparison.Ordinal)
        && (head.Text.Contains("\"login_url\"", StringComparison.Ordinal) || head.Text.Contains("\"$type\"", StringComparison.Ordinal)
            || head.Text.Contains("\"shared_folders\"", StringComparison.Ordinal) || head.Text.Contains("\"custom_fields\"", StringComparison.Ordinal));

    public async Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct)
    {
        using var document = await ImportJson.ParseAsync(file, ct);
        var result = options.File;
        var row = 0;
        foreach (var record in document.RootElement.Array("records"))
        {
            row++;
            var type = record.String("$type") ?? "login";
            if (type.Equals("file", StringComparison.OrdinalIgnoreCase))
            {
                result.Skip(row, record.String("title"), "A Keeper file record holds only its file, which Keeper's JSON export leaves out: add the file to a credential by hand.");
                continue;
            }

            var entry = new ImportedEntry
            {
                Row = row,
                Name = record.String("title"),
                Username = record.String("login"),
                Secret = record.String("password"),
                Notes = record.String("notes"),
                FolderPath = Folder(record),
            };
            entry.SetUrls([record.String("login_url")]);
            if (record.TryGetProperty("custom_fields", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    KeeperFields.Add(entry, field.Name, field.Value);
                }
            }

            if (NoteTypes.Contains(type))
            {
                entry.Kind = CredentialKind.Note;
                entry.MoveSecretToField("Password");
            }
            else if (type.Equals("sshKeys", StringComparison.OrdinalIgnoreCase) && entry.Fields.FindIndex(f => f.Name.EndsWith(" private key", StringComparison.Ordinal)) is var key and >= 0)
            {
                entry.Kind = CredentialKind.ApiSecret;
                entry.Secret = entry.Fields[key].Value;
                entry.Fields.RemoveAt(key);
            }

            var folders = record.Array("folders").ToList();
            if (folders.Count > 1)
            {
                entry.Unmapped.Add($"It is in {folders.Count} Keeper folders; it is placed in the first, {string.Join('\\', entry.FolderPath)}.");
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>The record's first folder: a shared folder's path, then the folder inside it.</summary>
    private static IReadOnlyList<string> Folder(JsonElement record)
    {
        var first = record.Array("folders").FirstOrDefault();
        return [.. ImportText.Path(first.String("shared_folder"), '\\'), .. ImportText.Path(first.String("folder"), '\\')];
    }
}
