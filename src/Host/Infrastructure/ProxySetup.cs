using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SecureShare.Host.Infrastructure;

internal static class ProxySetup
{
    /// <summary>
    /// Behind a reverse proxy the caller's address (for rate limits, audit and the jobs dashboard)
    /// is taken from X-Forwarded-For only when the request comes from a proxy listed in
    /// Network:TrustedProxies. With none listed the header is ignored, so no caller can forge it
    /// (empty known-proxy lists would mean "trust every sender", so the middleware is left out).
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection("Network:TrustedProxies").Get<string[]>() ?? [];
        if (proxies.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        app.UseForwardedHeaders(options);
    }
}
