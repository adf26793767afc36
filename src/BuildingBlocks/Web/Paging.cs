using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>A page of a list: items and the cursor of the next page (null on the last one).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging over one unique sort key. The cursor is the last key of the page, opaque
/// to callers (base64url); limits follow the API conventions (1–500, default 50).
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw Messaging.ValidationFailedException.For("limit", $"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return TextWithoutNul.Holds(key) ? throw NotIssued() : key;
        }
        catch (FormatException)
        {
            throw NotIssued();
        }
    }

    /// <summary>A key made of an instant and an id (newest-first lists): the instant's UTC ticks, a separator, the id.</summary>
    public static string InstantKey(DateTimeOffset at, Guid id) => $"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}/{id}";

    /// <summary>The instant and id of a key made by <see cref="InstantKey"/>; a 400 for anything else (a tick count out of range among them).</summary>
    public static (DateTimeOffset At, Guid Id) ParseInstantKey(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw NotIssued();
    }

    private static Messaging.ValidationFailedException NotIssued() =>
        Messaging.ValidationFailedException.For("cursor", "The cursor is not one this API issued.");

    /// <summary>Builds a page from up to limit+1 fetched rows: the extra row only tells that more exist.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> fetched, int limit, Func<T, string> key) =>
        fetched.Count > limit
            ? new Page<T>(fetched.Take(limit).ToList(), Encode(key(fetched[limit - 1])))
            : new Page<T>(fetched, null);
}
