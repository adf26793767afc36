using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// What a file may be called and typed as when it is stored: the name as the uploader's system gave it, cut to its last
/// path segment, without control, format (bidirectional overrides) or characters that a file system refuses, not a
/// device name of Windows, no longer than <see cref="MaxLength"/> (its extension kept); an empty result is "file". The
/// content type is kept only as a label: downloads are always sent as octet streams.
/// </summary>
internal static class FileNames
{
    public const int MaxLength = 255;
    public const int MaxContentTypeLength = 127;
    public const string Fallback = "file";
    public const string OctetStream = "application/octet-stream";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitize(string? name)
    {
        var text = (name ?? string.Empty).Normalize(NormalizationForm.FormC);
        text = text[(text.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            kept.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        var clean = kept.ToString().Trim().Trim('.').Trim();
        var stem = clean.Split('.')[0];
        if (DeviceNames.Contains(stem.TrimEnd()))
        {
            clean = "_" + clean;
        }

        return clean.Length == 0 ? Fallback : Shorten(clean);
    }

    /// <summary>The uploader's media type if it is a well-formed one, else an octet stream.</summary>
    public static string ContentType(string? declared) =>
        MediaTypeHeaderValue.TryParse(declared, out var parsed) && parsed.MediaType.HasValue && !parsed.MatchesAllTypes
            && parsed.MediaType.Length <= MaxContentTypeLength
            ? parsed.MediaType.Value!.ToLowerInvariant()
            : OctetStream;

    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : string.Empty;
        var room = MaxLength - extension.Length;
        var shortened = new StringBuilder(room);
        var elements = StringInfo.GetTextElementEnumerator(name[..(name.Length - extension.Length)]);
        while (elements.MoveNext() && shortened.Length + elements.GetTextElement().Length <= room)
        {
            shortened.Append(elements.GetTextElement());
        }

        return shortened.Append(extension).ToString();
    }
}
