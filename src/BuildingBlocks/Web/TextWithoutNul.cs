using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// No text this API takes holds a NUL character: PostgreSQL cannot store one, and no name, note or secret
/// needs one. Refused where JSON is read (a 400 naming the field), so it never reaches a database as a 500.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A text value holds a NUL character.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The same rule for a query value or a decoded cursor.</summary>
    public static bool Holds(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
