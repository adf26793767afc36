using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Features.ImportFormats;
using SecureShare.Modules.Credentials.Features.Imports;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Exports;

/// <summary>
/// Writes an audited <see cref="ExportPlan"/> as the response, decrypting one credential at a time. Bitwarden's JSON
/// layout, so Bitwarden and every product that reads it take the file; what Bitwarden has no place for (the kind, the
/// description, tags, full earlier versions) rides in a "secureShare" object per item that other readers ignore and
/// SecureShare's import reads back, so an export imported into an empty tenant loses nothing. The password-protected form
/// is Bitwarden's: the plain file sealed as one EncString under PBKDF2-SHA256 (600,000 iterations) of the password; it is
/// built in memory (the seal needs the whole plaintext) and the final buffer is cleared after (copies left by its growth
/// are the garbage collector's, as every decrypted value of a request is).
/// </summary>
internal static class ExportWriter
{
    public const int Iterations = 600_000;

    private const int FlushEvery = 200;

    private static readonly string[] CsvHeader =
        ["folder", "favorite", "type", "name", "notes", "fields", "reprompt", "login_uri", "login_username", "login_password", "login_totp"];

    public static async Task SendAsync(ExportPlan plan, HttpContext http, CancellationToken ct)
    {
        var response = http.Response;
        var csv = plan.Format == ExportFormat.Csv;
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"secureshare-{Slug(plan.TenantName)}-{plan.At.UtcDateTime:yyyyMMdd-HHmmss}.{(csv ? "csv" : "json")}\"";
        response.Headers.CacheControl = "no-store";
        switch (plan.Format)
        {
            case ExportFormat.Csv:
                await WriteCsvAsync(plan, response.Body, ct);
                break;
            case ExportFormat.BitwardenJson:
                await WriteJsonAsync(plan, response.Body, ct);
                break;
            default:
                await WriteEncryptedAsync(plan, response.Body, ct);
                break;
        }
    }

    private static async Task WriteEncryptedAsync(ExportPlan plan, Stream body, CancellationToken ct)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        using var keys = BitwardenEncryptedJson.DeriveKeys(plan.Password!, salt, BitwardenEncryptedJson.Pbkdf2, Iterations, null, null);
        await WriteSealedAsync(plan, keys, salt, Iterations, body, ct);
    }

    /// <summary>Bitwarden's password-protected file, under keys already derived from the password with this salt and iteration count.</summary>
    public static async Task WriteSealedAsync(ExportPlan plan, ExportKeys keys, string salt, int iterations, Stream body, CancellationToken ct)
    {
        using var plain = new MemoryStream();
        string data;
        try
        {
            await WriteJsonAsync(plan, plain, ct);
            data = BitwardenEncryptedJson.Seal(plain.GetBuffer().AsSpan(0, (int)plain.Length), keys);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.GetBuffer());
        }

        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteBoolean("encrypted", true);
        writer.WriteBoolean("passwordProtected", true);
        writer.WriteString("salt", salt);
        writer.WriteNumber("kdfType", BitwardenEncryptedJson.Pbkdf2);
        writer.WriteNumber("kdfIterations", iterations);
        writer.WriteNull("kdfMemory");
        writer.WriteNull("kdfParallelism");
        writer.WriteString("encKeyValidation_DO_NOT_EDIT", BitwardenEncryptedJson.Seal(Encoding.UTF8.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))), keys));
        writer.WriteString("data", data);
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    private static async Task WriteJsonAsync(ExportPlan plan, Stream body, CancellationToken ct)
    {
        await using var w = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteBoolean("encrypted", false);
        w.WriteStartArray("folders");
        foreach (var folder in plan.Folders)
        {
            w.WriteStartObject();
            w.WriteString("id", folder.Id?.ToString("D"));
            w.WriteString("name", folder.Path);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("items");
        var written = 0;
        foreach (var item in plan.Items)
        {
            WriteItem(w, item, plan.Key);
            if (++written % FlushEvery == 0)
            {
                await w.FlushAsync(ct);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    private static void WriteItem(Utf8JsonWriter w, ExportedCredential item, DataKey key)
    {
        var c = item.Credential;
        var secret = c.Reveal(key);
        var login = c.Kind is CredentialKind.Password or CredentialKind.ApiSecret;
        w.WriteStartObject();
        w.WriteString("id", c.Id.ToString("D"));
        w.WriteNull("organizationId");
        w.WriteString("folderId", item.FolderId?.ToString("D"));
        w.WriteNumber("type", login ? 1 : 2);
        w.WriteNumber("reprompt", 0);
        w.WriteString("name", c.Name);
        w.WriteString("notes", secret.Notes);
        w.WriteBoolean("favorite", IsFavorite(c.Tags.Select(t => t.Tag)));
        if (login)
        {
            w.WriteStartObject("login");
            w.WriteStartArray("uris");
            if (c.Url is { } url)
            {
                w.WriteStartObject();
                w.WriteNull("match");
                w.WriteString("uri", url);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("username", c.Username);
            w.WriteString("password", secret.Secret);
            w.WriteString("totp", secret.TotpSeed);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject("secureNote");
            w.WriteNumber("type", 0);
            w.WriteEndObject();
        }

        w.WriteStartArray("fields");
        foreach (var field in secret.CustomFields)
        {
            w.WriteStartObject();
            w.WriteString("name", field.Name);
            w.WriteString("value", field.Value);
            w.WriteNumber("type", field.Secret ? 1 : 0);
            w.WriteNull("linkedId");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        var versions = item.Versions.Select(v => (v.Version, v.ReplacedAt, Values: JsonSerializer.Deserialize<SecretDto>(CredentialStore.Decrypt(key, c.Id, SecretFields.Version(v.Version), v.Cipher)!)!)).ToList();
        w.WriteStartArray("passwordHistory");
        foreach (var (_, replacedAt, values) in Enumerable.Reverse(versions).Where(v => v.Values.Secret is not null))
        {
            w.WriteStartObject();
            w.WriteString("lastUsedDate", Bitwarden(replacedAt));
            w.WriteString("password", values.Secret);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("collectionIds");
        w.WriteString("creationDate", Bitwarden(c.CreatedAt));
        w.WriteString("revisionDate", Bitwarden(c.UpdatedAt));
        w.WriteNull("deletedDate");
        w.WriteStartObject(BitwardenJson.Extension);
        w.WriteString("kind", WireName.Of(c.Kind));
        w.WriteString("description", c.Description);
        if (!login)
        {
            w.WriteString("username", c.Username);
            w.WriteString("url", c.Url);
        }

        w.WriteStartArray("tags");
        foreach (var tag in c.Tags.Select(t => t.Tag).Where(t => !IsFavorite([t])))
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteStartArray("versions");
        foreach (var (version, replacedAt, values) in versions)
        {
            w.WriteStartObject();
            w.WriteNumber("version", version);
            w.WriteString("replacedAt", replacedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("secret", values.Secret);
            w.WriteString("notes", values.Notes);
            w.WriteString("totp", values.TotpSeed);
            w.WriteStartArray("fields");
            foreach (var field in values.CustomFields)
            {
                w.WriteStartObject();
                w.WriteString("name", field.Name);
                w.WriteString("value", field.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Bitwarden's CSV: logins and notes; custom fields as "name: value" lines; no flags, kinds or history.</summary>
    private static async Task WriteCsvAsync(ExportPlan plan, Stream body, CancellationToken ct)
    {
        var paths = plan.Folders.Where(f => f.Id is not null).ToDictionary(f => f.Id!.Value, f => f.Path);
        await using var csv = CsvWriter.Create(body, CsvWriterOptions.Default, leaveOpen: true);
        await csv.WriteRecordAsync(CsvHeader, ct);
        foreach (var item in plan.Items)
        {
            var c = item.Credential;
            var secret = c.Reveal(plan.Key);
            var login = c.Kind is CredentialKind.Password or CredentialKind.ApiSecret;
            string[] fields =
            [
                item.FolderId is { } folder ? paths[folder] : string.Empty,
                IsFavorite(c.Tags.Select(t => t.Tag)) ? "1" : string.Empty,
                login ? "login" : "note",
                c.Name,
                secret.Notes ?? string.Empty,
                string.Join('\n', secret.CustomFields.Select(f => $"{f.Name}: {f.Value}")),
                "0",
                login ? c.Url ?? string.Empty : string.Empty,
                login ? c.Username ?? string.Empty : string.Empty,
                login ? secret.Secret ?? string.Empty : string.Empty,
                login ? secret.TotpSeed ?? string.Empty : string.Empty,
            ];
            await csv.WriteRecordAsync(fields, ct);
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>A time as Bitwarden writes it (UTC, milliseconds).</summary>
    private static string Bitwarden(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool IsFavorite(IEnumerable<string> tags) => tags.Any(t => string.Equals(t, ImportText.FavoriteTag, StringComparison.OrdinalIgnoreCase));

    public static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')]).Trim('-');
        return slug.Length == 0 ? "tenant" : slug[..Math.Min(slug.Length, 40)];
    }
}
