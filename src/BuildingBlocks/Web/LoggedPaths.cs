using Microsoft.AspNetCore.Http;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// Request paths as logs may write them. A few paths carry a bearer token as a segment (a link share's
/// <c>/s/{token}</c> and <c>/api/v1/public/links/{token}/…</c>); the segment is logged as "…".
/// </summary>
public static class LoggedPaths
{
    private static readonly string[] TokenPrefixes = ["/s/", "/api/v1/public/links/"];

    public static string ForLog(PathString path)
    {
        var value = path.Value ?? string.Empty;
        foreach (var prefix in TokenPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && value.Length > prefix.Length)
            {
                var end = value.IndexOf('/', prefix.Length);
                return prefix + "…" + (end < 0 ? string.Empty : value[end..]);
            }
        }

        return value;
    }
}
