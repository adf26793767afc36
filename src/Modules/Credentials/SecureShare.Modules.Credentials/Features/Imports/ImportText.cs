using System.Globalization;
using System.Text;
using System.Web;
using OtpNet;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>
/// How the values of every format become SecureShare's: folder paths split on the format's separators, one TOTP form
/// (a base32 seed) from the many the formats write, several URLs as one plus fields, a favourite as a tag.
/// </summary>
internal static class ImportText
{
    public const string FavoriteTag = "Favorite";

    /// <summary>A folder path split on the separators the format uses, empty segments dropped.</summary>
    public static IReadOnlyList<string> Path(string? path, params char[] separators) =>
        string.IsNullOrWhiteSpace(path) ? [] : path.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>"1", "true", "yes", "x" (any case) are yes.</summary>
    public static bool IsYes(string? value) =>
        value?.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES" or "Y" or "X";

    /// <summary>The first URL is the credential's; any further ones become fields "URL 2", "URL 3" …</summary>
    public static void SetUrls(this ImportedEntry entry, IEnumerable<string?> urls)
    {
        var n = 0;
        foreach (var url in urls.Select(Clean).OfType<string>().Select(u => u.Trim()).Distinct(StringComparer.Ordinal))
        {
            if (++n == 1)
            {
                entry.Url = url;
            }
            else
            {
                entry.Fields.Add(new ImportedField($"URL {n}", url, false));
            }
        }
    }

    public static void AddTags(this ImportedEntry entry, string? tags, params char[] separators)
    {
        if (!string.IsNullOrWhiteSpace(tags))
        {
            entry.Tags.AddRange(tags.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    /// <summary>
    /// Sets the entry's TOTP from any form the formats write: an otpauth:// URI, a bare base32 seed (spaces, dashes and
    /// case ignored), or Keeper's and KeePass's hex and base64 forms via <paramref name="encoding"/>. SecureShare keeps a base32
    /// seed and makes 6-digit, 30-second SHA-1 codes; a URI that asks for other settings is kept whole as a secret field
    /// "otpauth" and reported, and a value that is no TOTP secret is kept as a secret field "TOTP" and reported.
    /// </summary>
    public static void SetTotp(this ImportedEntry entry, string? value, TotpEncoding encoding = TotpEncoding.Base32)
    {
        if (Clean(value) is not { } text)
        {
            return;
        }

        text = text.Trim();
        if (text.StartsWith("otpauth://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            var seed = Base32Seed(query["secret"], TotpEncoding.Base32);
            var standard = uri.Host.Equals("totp", StringComparison.OrdinalIgnoreCase)
                && query["digits"] is null or "6" && query["period"] is null or "30" && query["algorithm"]?.ToUpperInvariant() is null or "SHA1";
            if (seed is null)
            {
                entry.Fields.Add(new ImportedField("TOTP", text, true));
                entry.Unmapped.Add("Its TOTP URI holds no valid secret; it is kept as the secret field TOTP.");
                return;
            }

            entry.Totp = seed;
            if (!standard)
            {
                entry.Fields.Add(new ImportedField("otpauth", text, true));
                entry.Unmapped.Add("Its TOTP uses settings other than 6 digits every 30 s with SHA-1; SecureShare's codes will differ, so the URI is kept as the secret field otpauth.");
            }

            return;
        }

        if (Base32Seed(text, encoding) is { } bare)
        {
            entry.Totp = bare;
            return;
        }

        entry.Fields.Add(new ImportedField("TOTP", text, true));
        entry.Unmapped.Add("Its TOTP value is no secret SecureShare can use (not an otpauth URI or a base32 seed); it is kept as the secret field TOTP.");
    }

    /// <summary>The seed as base32 (A–Z, 2–7, no padding), or null when it is not one.</summary>
    public static string? Base32Seed(string? value, TotpEncoding encoding)
    {
        if (Clean(value) is not { } text)
        {
            return null;
        }

        try
        {
            var bytes = encoding switch
            {
                TotpEncoding.Hex => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal)),
                TotpEncoding.Base64 => Convert.FromBase64String(text.Trim()),
                TotpEncoding.Utf8 => Encoding.UTF8.GetBytes(text),
                _ => null,
            };
            if (bytes is not null)
            {
                return bytes.Length == 0 ? null : Base32Encoding.ToString(bytes).TrimEnd('=');
            }
        }
        catch (FormatException)
        {
            return null;
        }

        var base32 = new string(text.Where(c => c is not (' ' or '-' or '=')).ToArray()).ToUpperInvariant();
        return base32.Length is > 0 and <= CredentialLimits.TotpSeed && base32.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7') ? base32 : null;
    }

    /// <summary>A date as the formats write it (ISO 8601, or Unix seconds), or null.</summary>
    public static DateTimeOffset? Date(string? value) =>
        Clean(value) is not { } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 100_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime()
        : null;
}

/// <summary>How a bare TOTP secret is written: base32 (most), hex or base64 (KeePass's TimeOtp-Secret-Hex/-Base64), raw text.</summary>
internal enum TotpEncoding
{
    Base32,
    Hex,
    Base64,
    Utf8,
}
