using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Features.Auth;
using SecureShare.Modules.Accounts.Features.Tenants;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Single sign-on per tenant with ASP.NET Core's OpenID Connect handler: one scheme whose options are the tenant's,
/// chosen by the request's path (<c>/sso/{identifier}</c> starts, <c>/sso/{identifier}/callback</c> is where the
/// provider answers). The tenant's settings are read on each such request and the handler's options kept per tenant and
/// settings version, so a change made through any host takes effect everywhere at once. Authorization code flow with
/// PKCE, the answer in the query (so the correlation cookies can be SameSite=Lax); the id token's subject, email, name
/// and groups go to <see cref="SignInWithSso"/>, which gives the UI session its cookie.
/// </summary>
public static class SsoSetup
{
    public const string Scheme = "sso";

    private const string StampItem = "sso-stamp";

    /// <summary>Where a signed-in browser lands first: a page of this site that moves on to the app, so the strict session cookie is sent.</summary>
    public const string LandingPath = "/signed-in";

    public static AuthenticationBuilder AddSecureShareSso(this AuthenticationBuilder auth)
    {
        auth.AddOpenIdConnect(Scheme, _ => { });
        auth.Services.AddSingleton<IOptionsMonitor<OpenIdConnectOptions>, TenantOptions>();
        return auth;
    }

    /// <summary>Reads the tenant's settings for /sso/ paths, before authentication runs.</summary>
    public static IApplicationBuilder UseSecureShareSso(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (SsoPaths.TenantOf(context.Request.Path.Value ?? "") is { } identifier)
        {
            context.Items[typeof(FindSso.Settings)] = await context.RequestServices.GetRequiredService<IMediator>().Send(new FindSso.Query(identifier), context.RequestAborted);
        }

        await next();
    });

    public static void MapSecureShareSso(this IEndpointRouteBuilder app)
    {
        app.MapGet(SsoPaths.Prefix + "{identifier}", async (HttpContext context, IOptionsMonitor<OpenIdConnectOptions> monitor, ILogger<TenantOptions> logger) =>
            {
                if (context.Items[typeof(FindSso.Settings)] is not FindSso.Settings settings)
                {
                    return Results.Redirect("/login?sso=" + nameof(SsoNotice.NotSetUp));
                }

                try
                {
                    // The provider's discovery document first: a provider that cannot be reached is a notice, not a 500.
                    await monitor.Get(Scheme).ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Single sign-on of tenant {Tenant}: the provider's discovery document could not be read ({Reason})", settings.TenantIdentifier, e.GetType().Name);
                    return Results.Redirect("/login?sso=" + nameof(SsoNotice.ProviderUnreachable));
                }

                var properties = new AuthenticationProperties { RedirectUri = LandingPath };
                properties.Items[StampItem] = settings.Stamp.ToString();
                return Results.Challenge(properties, [Scheme]);
            })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(LandingPath, () => Results.Content(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\"><title>Signed in · SecureShare</title></head>"
                + "<body><p>Signed in. <a href=\"/\">Continue to SecureShare</a></p></body></html>",
                "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>What the sign-in page says after single sign-on went wrong (the query's <c>sso</c> value).</summary>
    public enum SsoNotice
    {
        NotSetUp,
        ProviderUnreachable,
        Failed,
        SettingsChanged,
        NoEmail,
        EmailNotVerified,
        NotInvited,
        EmailElsewhere,
        NotThisAccount,
    }

    internal sealed class TenantOptions(IHttpContextAccessor http, IDataProtectionProvider dataProtection, IOptionsFactory<OpenIdConnectOptions> factory, IConfiguration configuration)
        : IOptionsMonitor<OpenIdConnectOptions>
    {
        private readonly ConcurrentDictionary<(Guid Tenant, Guid Stamp), OpenIdConnectOptions> _byTenant = new();
        private readonly bool _allowLocal = configuration.GetValue<bool>(SetTenantSso.AllowLocalProvidersKey);
        private readonly OpenIdConnectPostConfigureOptions _postConfigure = new(dataProtection);
        private OpenIdConnectOptions? _nowhere;

        public OpenIdConnectOptions CurrentValue => Get(Options.DefaultName);

        public OpenIdConnectOptions Get(string? name)
        {
            if (name != Scheme)
            {
                return factory.Create(name ?? Options.DefaultName);
            }

            if (http.HttpContext?.Items[typeof(FindSso.Settings)] is not FindSso.Settings settings)
            {
                return _nowhere ??= Build(null);
            }

            var options = _byTenant.GetOrAdd((settings.TenantId, settings.Stamp), _ => Build(settings));
            foreach (var stale in _byTenant.Keys.Where(k => k.Tenant == settings.TenantId && k.Stamp != settings.Stamp))
            {
                if (_byTenant.TryRemove(stale, out var old))
                {
                    old.Backchannel.Dispose();
                }
            }

            return options;
        }

        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;

        /// <summary>A tenant's options; without settings, options that answer nothing (any request not under /sso/ sees these).</summary>
        private OpenIdConnectOptions Build(FindSso.Settings? settings)
        {
            var options = new OpenIdConnectOptions
            {
                SignInScheme = AuthSetup.CookieScheme,
                ResponseType = OpenIdConnectResponseType.Code,
                ResponseMode = OpenIdConnectResponseMode.Query,
                UsePkce = true,
                SaveTokens = false,
                MapInboundClaims = false,
                GetClaimsFromUserInfoEndpoint = false,
                CallbackPath = settings is null ? SsoPaths.Callback("-") : SsoPaths.Callback(settings.TenantIdentifier),
                ClientId = settings?.ClientId ?? "-",
                ClientSecret = settings?.ClientSecret,
                Authority = settings?.Authority,
                RequireHttpsMetadata = !_allowLocal,
                BackchannelHttpHandler = settings is null || _allowLocal ? null : PublicOnly(),
                Events = new OpenIdConnectEvents { OnTokenValidated = SignInAsync, OnRemoteFailure = FailedAsync },
            };
            if (settings is null)
            {
                options.Configuration = new OpenIdConnectConfiguration();
            }

            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("email");
            options.Scope.Add("profile");
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            _postConfigure.PostConfigure(Scheme, options);
            return options;
        }

        /// <summary>
        /// The handler's connections to the provider (discovery, keys, the code's exchange) go to public addresses only,
        /// checked on the addresses actually connected to, so neither a name nor a discovery document can point a
        /// tenant's admin's settings at this network's insides. Where local providers are allowed (tests, trials), the
        /// handler's own connections are used as they are.
        /// </summary>
        private static SocketsHttpHandler PublicOnly() => new()
        {
            ConnectCallback = async (context, ct) =>
            {
                var addresses = (await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct)).Where(a => !IsInternal(a)).ToArray();
                if (addresses.Length == 0)
                {
                    throw new HttpRequestException($"The single sign-on provider {context.DnsEndPoint.Host} has no public address.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        private static bool IsInternal(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.Equals(IPAddress.IPv6Any))
            {
                return true;
            }

            var b = address.GetAddressBytes();
            return address.AddressFamily == AddressFamily.InterNetwork
                && (b[0] is 0 or 10 or 127 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                    || (b[0] == 100 && b[1] is >= 64 and <= 127));
        }
    }

    private static async Task SignInAsync(TokenValidatedContext context)
    {
        var settings = (FindSso.Settings)context.HttpContext.Items[typeof(FindSso.Settings)]!;
        var claims = context.Principal!;
        var groups = settings.GroupClaim is { } claim ? claims.FindAll(claim).Select(c => c.Value).ToList() : [];
        // The settings the sign-in started under (kept in the protected state): changed since, it starts again.
        var stamp = context.Properties?.Items.TryGetValue(StampItem, out var started) == true && Guid.TryParse(started, out var s) ? s : Guid.Empty;
        var verified = string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var outcome = await context.HttpContext.RequestServices.GetRequiredService<IMediator>().Send(
            new SignInWithSso.Command(settings.TenantId, stamp, claims.FindFirst("sub")?.Value ?? "", claims.FindFirst("email")?.Value, verified,
                claims.FindFirst("name")?.Value, groups, SessionKind.Ui),
            context.HttpContext.RequestAborted);
        if (outcome.Session is { } session)
        {
            context.Principal = AuthSetup.CookiePrincipal(session.SessionId, session.UserId, session.SecurityStamp);
            context.Properties!.RedirectUri = LandingPath;
            return;
        }

        context.HandleResponse();
        context.Response.Redirect("/login?sso=" + outcome.Refused);
    }

    private static Task FailedAsync(RemoteFailureContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SsoSetup))
            .LogWarning("Single sign-on failed at the provider's answer: {Reason}", context.Failure?.GetType().Name);
        context.HandleResponse();
        context.Response.Redirect("/login?sso=" + nameof(SsoNotice.Failed));
        return Task.CompletedTask;
    }
}
