using System.Globalization;
using System.Text.Json;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>Reading the JSON formats leniently: a missing or mistyped property is absent, never an exception.</summary>
internal static class ImportJson
{
    public static async Task<JsonDocument> ParseAsync(Stream file, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(file, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 }, ct);
        }
        catch (JsonException e)
        {
            throw new UnreadableImportException($"The file is not valid JSON (line {(e.LineNumber ?? 0) + 1}).");
        }
    }

    public static JsonElement Object(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static string? String(this JsonElement e, string name) =>
        e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind switch
        {
            JsonValueKind.String => ImportText.Clean(v.GetString()),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

    public static int? Int(this JsonElement e, string name) =>
        int.TryParse(e.String(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool Bool(this JsonElement e, string name) => ImportText.IsYes(e.String(name));

    /// <summary>Adds these properties that have a value as fields, in this order.</summary>
    public static void AddFields(this ImportedEntry entry, JsonElement source, params (string Property, string Name, bool Secret)[] fields)
    {
        foreach (var (property, name, secret) in fields)
        {
            if (source.String(property) is { } value)
            {
                entry.Fields.Add(new ImportedField(name, value, secret));
            }
        }
    }

    /// <summary>For kinds without a secret of their own (a card kept as a note): the secret becomes a secret field.</summary>
    public static void MoveSecretToField(this ImportedEntry entry, string name)
    {
        if (entry.Secret is { } secret)
        {
            entry.Fields.Insert(0, new ImportedField(name, secret, true));
            entry.Secret = null;
        }
    }
}
