using Serilog.Core;
using Serilog.Events;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Every log event's request path (the request log's own, and the one ASP.NET Core's request scope adds
/// to each event) is written without the bearer token a link share's paths carry as a segment
/// (<c>/s/{token}</c>, <c>/api/v1/public/links/{token}/…</c>): the segment becomes "…".
/// </summary>
internal sealed class TokenPathEnricher : ILogEventEnricher
{
    private static readonly string[] TokenPrefixes =
        ["/s/", "/api/v1/public/links/", "/invite/", "/reset-password/", "/api/v1/public/invitations/", "/api/v1/public/password-reset/"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in (string[])["RequestPath", "Path"])
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path } && WithoutToken(path) is { } logged)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(logged)));
            }
        }
    }

    /// <summary>The path with its token segment as "…"; null when it carries none.</summary>
    private static string? WithoutToken(string path)
    {
        foreach (var prefix in TokenPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length)
            {
                var end = path.IndexOf('/', prefix.Length);
                return prefix + "…" + (end < 0 ? string.Empty : path[end..]);
            }
        }

        return null;
    }
}
