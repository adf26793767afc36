using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// Where people reach this installation, for links handed to them (link shares, later emails): PublicBaseUrl
/// from configuration, else the first address the server listens on. Never a request's Host header, which
/// whoever sends the request chooses (a link made through a forged Host would send its key elsewhere).
/// </summary>
public sealed class PublicAddress(IConfiguration configuration, IServer server)
{
    private string? _base;

    public string BaseUrl => _base ??= Resolve();

    /// <summary>The configured PublicBaseUrl, checked (called at start, so a wrong one stops the Host there), or null.</summary>
    public static string? Configured(IConfiguration configuration) => configuration["PublicBaseUrl"] is { Length: > 0 } configured
        ? Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? configured.TrimEnd('/')
            : throw new InvalidOperationException("PublicBaseUrl must be an absolute http(s) address, e.g. https://secureshare.example.com.")
        : null;

    private string Resolve()
    {
        if (Configured(configuration) is { } configured)
        {
            return configured;
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? "http://localhost").Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
