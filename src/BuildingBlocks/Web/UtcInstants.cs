using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// Every instant the API reads becomes UTC where JSON is read: PostgreSQL stores only offset 0, and
/// SQLite's sortable form compares instants only when they share an offset. An instant that has no
/// UTC form (year 1 with a positive offset) is unreadable input: a 400.
/// </summary>
public sealed class UtcInstants : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var instant = reader.GetDateTimeOffset();
        try
        {
            return instant.ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new JsonException("The instant is out of range in UTC.");
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
