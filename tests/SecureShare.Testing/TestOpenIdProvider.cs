using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SecureShare.Testing;

public sealed record TestOidcUser(string Subject, string Email, string Name, IReadOnlyList<string> Groups, bool EmailVerified = true);

// In-process OIDC provider: OpenIddict server in degraded mode (no stores), http://127.0.0.1:{random},
// one confidential client, authorization code + PKCE, users queued by the test (no login UI).
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string GroupsClaim = "groups";

    private readonly ConcurrentQueue<TestOidcUser> _users = new();
    private readonly ConcurrentDictionary<string, byte> _redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _redeemedCodes = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private TestOpenIdProvider(string clientId, string clientSecret) => (ClientId, ClientSecret) = (clientId, clientSecret);

    public string ClientId { get; }
    public string ClientSecret { get; }

    // http://127.0.0.1:{port}/ — same value OpenIddict puts in "iss".
    public Uri Authority { get; private set; } = null!;

    public static async Task<TestOpenIdProvider> StartAsync(
        string clientId = "test-client",
        string clientSecret = "test-secret",
        IEnumerable<string>? redirectUris = null,
        Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        var provider = new TestOpenIdProvider(clientId, clientSecret);
        foreach (var uri in redirectUris ?? [])
        {
            provider.AllowRedirectUri(uri);
        }

        await provider.StartCoreAsync(logging, cancellationToken);
        return provider;
    }

    // Registers an exact redirect_uri (e.g. "http://127.0.0.1:5123/signin-oidc").
    public void AllowRedirectUri(string redirectUri) => _redirectUris[redirectUri] = 0;

    // The next authorization request signs this user in (FIFO).
    public void EnqueueUser(TestOidcUser user) => _users.Enqueue(user);

    public void EnqueueUser(string subject, string email, string name, params string[] groups)
        => EnqueueUser(new TestOidcUser(subject, email, name, groups));

    private async Task StartCoreAsync(Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestOpenIdProvider).Assembly.GetName().Name,
            EnvironmentName = "Development",
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();

            // openid is registered by default; everything else the RP asks for must be listed.
            options.RegisterScopes(Scopes.Email, Scopes.Profile);
            options.RegisterClaims(Claims.Email, Claims.EmailVerified, Claims.Name, GroupsClaim);

            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();

            // No application/authorization/token/scope stores: built-in client checks are skipped,
            // so the handlers below do them.
            options.EnableDegradedMode();

            options.UseAspNetCore()
                   .EnableAuthorizationEndpointPassthrough()   // the minimal API endpoint below signs in
                   .DisableTransportSecurityRequirement();     // plain HTTP on loopback

            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler =>
                handler.UseInlineHandler(context =>
                {
                    if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal))
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client_id.");
                        return default;
                    }

                    // Rejecting here yields a local error page: OpenIddict never redirects to an
                    // unvalidated redirect_uri.
                    if (string.IsNullOrEmpty(context.RedirectUri) || !_redirectUris.ContainsKey(context.RedirectUri))
                    {
                        context.Reject(Errors.InvalidRequest, "redirect_uri is not registered for this client.");
                    }

                    return default;
                }));

            options.AddEventHandler<ValidateTokenRequestContext>(handler =>
                handler.UseInlineHandler(context =>
                {
                    // ClientId/ClientSecret come from the form (client_secret_post) or from the
                    // Authorization: Basic header (client_secret_basic) — the ASP.NET Core host fills both.
                    if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal) ||
                        !string.Equals(context.Request.ClientSecret, ClientSecret, StringComparison.Ordinal))
                    {
                        context.Reject(Errors.InvalidClient, "Invalid client credentials.");
                        return default;
                    }

                    // Degraded mode has no token store, so codes are not single-use by default
                    // (the self-contained code carries no jti either): remember the raw code.
                    var codeId = context.Request.IsAuthorizationCodeGrantType() ? context.Request.Code : null;
                    if (codeId is not null && !_redeemedCodes.TryAdd(codeId, 0))
                    {
                        context.Reject(Errors.InvalidGrant, "The authorization code was already redeemed.");
                    }

                    return default;
                }));
        });

        var app = builder.Build();
        app.UseAuthentication();

        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("Not an OpenIddict authorization request.");

            if (!_users.TryDequeue(out var user))
            {
                // Sent back to the RP's redirect_uri as error=access_denied.
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "No test user queued.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(
                authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
                nameType: Claims.Name,
                roleType: Claims.Role);

            identity.SetClaim(Claims.Subject, user.Subject)
                    .SetClaim(Claims.Email, user.Email)
                    .SetClaim(Claims.EmailVerified, user.EmailVerified)
                    .SetClaim(Claims.Name, user.Name)
                    .SetClaims(GroupsClaim, [.. user.Groups]);

            // Without the openid scope on the principal no id_token is issued at the token endpoint.
            identity.SetScopes(request.GetScopes());

            // Claims without an explicit destination never leave the authorization code.
            identity.SetDestinations(static claim => claim.Type switch
            {
                Claims.Subject or Claims.Email or Claims.EmailVerified or Claims.Name or GroupsClaim
                    => [Destinations.AccessToken, Destinations.IdentityToken],
                _ => [Destinations.AccessToken],
            });

            return Results.SignIn(new ClaimsPrincipal(identity), properties: null,
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await app.StartAsync(cancellationToken);
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();   // "http://127.0.0.1:PORT"
        Authority = new Uri(address.TrimEnd('/') + "/");

        // Ready means answering: the first discovery and key requests (OpenIddict builds its keys and handlers lazily)
        // are made here, so no test's clock runs while a cold provider warms up.
        using var http = new HttpClient { BaseAddress = Authority };
        var discovery = await http.GetFromJsonAsync<System.Text.Json.JsonElement>(".well-known/openid-configuration", cancellationToken);
        (await http.GetAsync(discovery.GetProperty("jwks_uri").GetString(), cancellationToken)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
