using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>
/// The hash chain of a tenant's audit log (decisions 0028, 0033). An event's canonical form is a sequence of netstrings
/// (<c>length:bytes,</c>, the length in UTF-8 bytes), so any language recomputes it without a JSON library. Version 2
/// (every event written since names are kept): <c>secureshare-audit-v2</c>, tenant id, tenant name, event id, instant
/// (UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), type, actor user id, actor name, actor tenant id, actor tenant name, IP,
/// user agent, outcome, the number of targets, each target as three fields kind, id, name in the ordinal order of
/// <c>kind:id</c>, the number of details, then each detail's key and value in the ordinal order of the keys' UTF-8
/// bytes. A missing value is the empty field; ids are lower-case with hyphens. Version 1 (an event with no name at all:
/// no tenant name, actor tenant or target name, as written before names were kept): <c>secureshare-audit-v1</c>, tenant
/// id, event id, instant, type, actor user id, actor name, IP, user agent, outcome, the number of targets, each target
/// as <c>kind:id</c>, the details as above. The version is the first field, so switching an event between versions
/// changes its hash. An event's link is
/// SHA-256(previous link ‖ SHA-256(canonical form)); the first event of a chain follows 32 zero bytes. A signed head
/// is the netstrings <c>secureshare-audit-head-v1</c>, tenant id, chain index, hash (lower-case hex), the start (the
/// last position retention removed, 0 for none, and its link in hex, empty for none), signing instant.
/// </summary>
internal static class AuditChain
{
    public const string Version1 = "secureshare-audit-v1";

    public const string Version = "secureshare-audit-v2";

    public const string HeadVersion = "secureshare-audit-head-v1";

    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Canonical(AuditEvent e)
    {
        var v1 = IsVersion1(e);
        var fields = v1
            ? new List<string>
            {
                Version1, Id(e.TenantId), Id(e.Id), Instant(e.At), e.Type, Id(e.ActorUserId), e.ActorName,
                e.Ip ?? string.Empty, e.UserAgent ?? string.Empty, e.Outcome.ToString(),
            }
            : new List<string>
            {
                Version, Id(e.TenantId), e.TenantName ?? string.Empty, Id(e.Id), Instant(e.At), e.Type, Id(e.ActorUserId), e.ActorName,
                Id(e.ActorTenantId), e.ActorTenantName ?? string.Empty, e.Ip ?? string.Empty, e.UserAgent ?? string.Empty, e.Outcome.ToString(),
            };
        var targets = e.Targets.Select(t => (Key: $"{t.Kind}:{Id(t.TargetId)}", t)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        fields.Add(targets.Count.ToString(CultureInfo.InvariantCulture));
        fields.AddRange(v1 ? targets.Select(t => t.Key) : targets.SelectMany(t => new[] { t.t.Kind, Id(t.t.TargetId), t.t.Name ?? string.Empty }));
        var details = (e.Details is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Details) ?? throw new JsonException("Details are null."))
            .OrderBy(d => Encoding.UTF8.GetBytes(d.Key), Utf8Order.Instance)
            .ToList();
        fields.Add(details.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in details)
        {
            fields.Add(key);
            fields.Add(value);
        }

        return Netstrings(fields);
    }

    /// <summary>A head's signing instant: whole milliseconds, which every provider stores exactly, so it reads back as signed.</summary>
    public static DateTimeOffset SigningInstant(DateTimeOffset now) => now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));

    /// <summary>What a head's signature signs.</summary>
    public static byte[] HeadMessage(Guid tenantId, long index, byte[] hash, long startIndex, byte[]? startHash, DateTimeOffset signedAt) => Netstrings([
        HeadVersion, Id(tenantId), index.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(hash),
        startIndex.ToString(CultureInfo.InvariantCulture), startHash is null ? string.Empty : Convert.ToHexStringLower(startHash), Instant(signedAt)]);

    private static byte[] Netstrings(IEnumerable<string> fields)
    {
        using var bytes = new MemoryStream();
        foreach (var field in fields)
        {
            var utf8 = Encoding.UTF8.GetBytes(field);
            bytes.Write(Encoding.ASCII.GetBytes(utf8.Length.ToString(CultureInfo.InvariantCulture) + ":"));
            bytes.Write(utf8);
            bytes.WriteByte((byte)',');
        }

        return bytes.ToArray();
    }

    private static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The link, or null for an event whose stored details are not a JSON object of strings (changed behind the log's back).</summary>
    public static byte[]? TryLink(ReadOnlySpan<byte> previous, AuditEvent e)
    {
        try
        {
            return Link(previous, e);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The link of <paramref name="e"/> after the link <paramref name="previous"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, AuditEvent e)
    {
        Span<byte> both = stackalloc byte[64];
        previous.CopyTo(both);
        SHA256.HashData(Canonical(e), both[32..]);
        return SHA256.HashData(both);
    }

    /// <summary>
    /// An event in the first form carries no name at all: one with any name (or actor tenant) is hashed in v2, so names
    /// added to an old event behind the log's back break its link like any other change.
    /// </summary>
    private static bool IsVersion1(AuditEvent e) =>
        string.IsNullOrEmpty(e.TenantName) && e.ActorTenantId is null && string.IsNullOrEmpty(e.ActorTenantName)
        && e.Targets.All(t => string.IsNullOrEmpty(t.Name));

    private static string Id(Guid id) => id.ToString("D");

    private static string Id(Guid? id) => id is { } value ? Id(value) : string.Empty;

    private sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
