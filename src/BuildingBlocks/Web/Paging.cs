using System.Buffers.Text;
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
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Messaging.ValidationFailedException.For("cursor", "The cursor is not one this API issued.");
        }
    }

    /// <summary>Builds a page from up to limit+1 fetched rows: the extra row only tells that more exist.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> fetched, int limit, Func<T, string> key) =>
        fetched.Count > limit
            ? new Page<T>(fetched.Take(limit).ToList(), Encode(key(fetched[limit - 1])))
            : new Page<T>(fetched, null);
}
