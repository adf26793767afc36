using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace SecureShare.Host.Ui;

/// <summary>Reading posted form and query values the way every page does: malformed values are simply absent.</summary>
public static class FormValues
{
    /// <summary>The distinct ids among the values (tick boxes, hidden fields); anything that is not an id is skipped.</summary>
    public static List<Guid> Ids(StringValues values) =>
        values.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();

    public static Guid? Id(string? value) => Guid.TryParse(value, out var id) ? id : null;

    /// <summary>A datetime-local value, read as UTC (the pages label these fields "UTC").</summary>
    public static DateTimeOffset? UtcInstant(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

    /// <summary>A JSON value a page's script posted (a passkey's answer); absent when it is not JSON.</summary>
    public static System.Text.Json.JsonElement? Json(string? value)
    {
        try
        {
            return value is { Length: > 0 } ? System.Text.Json.JsonDocument.Parse(value).RootElement.Clone() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
