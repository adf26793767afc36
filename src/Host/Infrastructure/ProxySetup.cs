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
            WarnOnceAboutForwardedHeaders(app);
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
            // An address (a reverse proxy on a fixed host) or a network (a cluster's ingress pods, e.g. 10.244.0.0/16).
            if (proxy.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        }

        app.UseForwardedHeaders(options);
    }

    /// <summary>
    /// Forwarded headers arriving with no trusted proxy configured mean a reverse proxy stands in front: every
    /// caller then shares the proxy's address (one rate limit for all, the proxy's address in the audit log).
    /// Said once, as a warning, at the first such request.
    /// </summary>
    private static void WarnOnceAboutForwardedHeaders(WebApplication app)
    {
        var warned = 0;
        var log = app.Services.GetRequiredService<Serilog.ILogger>();
        app.Use(async (context, next) =>
        {
            if (Volatile.Read(ref warned) == 0 && context.Request.Headers.ContainsKey("X-Forwarded-For") && Interlocked.Exchange(ref warned, 1) == 0)
            {
                log.Warning(
                    "A request came with X-Forwarded-For but Network:TrustedProxies is empty: the header is ignored, so every caller behind the proxy " +
                    "shares its address for rate limits and audit. List the proxy's address in Network:TrustedProxies.");
            }

            await next(context);
        });
    }
}
