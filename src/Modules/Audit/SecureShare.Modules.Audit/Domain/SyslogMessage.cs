using System.Globalization;
using System.Text;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>
/// An audit event as an RFC 5424 syslog message, framed for TCP by octet counting (RFC 6587 §3.4.1, as RFC 5425 does
/// for TLS): <c>LEN SP &lt;PRI&gt;1 TIMESTAMP HOSTNAME secureshare - MSGID [SD] BOM JSON</c>. Facility 13 (log audit);
/// severity informational, or warning for a denied or failed action. MSGID is the event type; the structured data
/// names tenant, event, chain position and outcome; the message is the exported entry as JSON.
/// </summary>
internal static class SyslogMessage
{
    public const string AppName = "secureshare";

    private const int Facility = 13;

    public static byte[] Frame(string hostname, int enterpriseId, Guid tenantId, Guid eventId, long position, string type, AuditOutcome outcome, DateTimeOffset at, string json)
    {
        var severity = outcome == AuditOutcome.Succeeded ? 6 : 4;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"<{(Facility * 8) + severity}>1 {at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {Token(hostname, 255)} {AppName} - {Token(type, 32)} "
            + $"[audit@{enterpriseId} tenant=\"{tenantId:D}\" event=\"{eventId:D}\" sequence=\"{position}\" outcome=\"{Escape(outcome.ToString())}\"] ");
        var message = Encoding.UTF8.GetBytes(header).Concat(Encoding.UTF8.Preamble.ToArray()).Concat(Encoding.UTF8.GetBytes(json)).ToArray();
        return [.. Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "), .. message];
    }

    /// <summary>A header field: printable US-ASCII without spaces, at most <paramref name="max"/> characters, "-" when empty.</summary>
    private static string Token(string value, int max)
    {
        var token = new string(value.Where(c => c is > ' ' and < '\u007f').Take(max).ToArray());
        return token.Length == 0 ? "-" : token;
    }

    /// <summary>A structured-data parameter value: ", \ and ] escaped with a backslash.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("]", "\\]");
}
