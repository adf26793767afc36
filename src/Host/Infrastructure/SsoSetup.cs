using System.Collections.Concurrent;
using System.Net;
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
        app.MapGet(SsoPaths.Prefix + "{identifier}", (HttpContext context) => context.Items[typeof(FindSso.Settings)] is FindSso.Settings
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LandingPath }, [Scheme])
                : Results.Redirect("/login?sso=" + nameof(SsoNotice.NotSetUp)))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(LandingPath, () => Results.Content(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/credentials\"><title>Signed in · SecureShare</title></head>"
                + "<body><p>Signed in. <a href=\"/credentials\">Continue to SecureShare</a></p></body></html>",
                "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>What the sign-in page says after single sign-on went wrong (the query's <c>sso</c> value).</summary>
    public enum SsoNotice
    {
        NotSetUp,
        Failed,
        SettingsChanged,
        NoEmail,
        EmailElsewhere,
        NotThisAccount,
    }

    private sealed class TenantOptions(IHttpContextAccessor http, IDataProtectionProvider dataProtection, IOptionsFactory<OpenIdConnectOptions> factory)
        : IOptionsMonitor<OpenIdConnectOptions>
    {
        private readonly ConcurrentDictionary<(Guid Tenant, int Version), OpenIdConnectOptions> _byTenant = new();
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

            var options = _byTenant.GetOrAdd((settings.TenantId, settings.Version), _ => Build(settings));
            foreach (var stale in _byTenant.Keys.Where(k => k.Tenant == settings.TenantId && k.Version != settings.Version))
            {
                _byTenant.TryRemove(stale, out _);
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
                RequireHttpsMetadata = settings is null || !IsLoopback(new Uri(settings.Authority)),
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

        private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static async Task SignInAsync(TokenValidatedContext context)
    {
        var settings = (FindSso.Settings)context.HttpContext.Items[typeof(FindSso.Settings)]!;
        var claims = context.Principal!;
        var groups = settings.GroupClaim is { } claim ? claims.FindAll(claim).Select(c => c.Value).ToList() : [];
        var outcome = await context.HttpContext.RequestServices.GetRequiredService<IMediator>().Send(
            new SignInWithSso.Command(settings.TenantId, settings.Version, claims.FindFirst("sub")?.Value ?? "", claims.FindFirst("email")?.Value,
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
