using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Host.Infrastructure;

internal static class AuthSetup
{
    public const string CookieScheme = "SecureShare.Cookie";
    private const string SelectorScheme = "SecureShare";

    /// <summary>
    /// The API (/api/…) takes bearer tokens only, from the Authorization header, so no cookie can
    /// act on it (no cross-site requests to defend against there); the web UI takes its HttpOnly,
    /// SameSite=Strict cookie only. Either way the session (user id and security stamp) is re-checked
    /// against the database on every request. Every endpoint needs a signed-in caller unless it says
    /// otherwise. Sign-in is rate-limited per IP here, per account in Accounts; a link recipient's requests per IP
    /// here, passphrase guesses per link in Credentials.
    /// </summary>
    public static IServiceCollection AddSecureShareAuth(this IServiceCollection services, IConfiguration configuration, string dataDirectory, bool demo)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        auth.SignupEnabled = configuration.GetValue<bool?>("Auth:SignupEnabled") ?? demo; // open signup only in the embedded demo, unless configured
        auth.SigningKeyBytes = auth.SigningKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : KeyFile.ReadOrCreate(Path.Combine(dataDirectory, "jwt-signing.key"), 32);
        if (auth.SigningKeyBytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        services.AddSingleton(auth);
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API bearer token, API key or UI cookie", o => o.ForwardDefaultSelector = context =>
                !context.Request.Path.StartsWithSegments("/api") ? CookieScheme
                : ApiKeyAuthentication.Carries(context.Request) ? ApiKeyAuthentication.SchemeName
                : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "secureshare.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = auth.SessionMaxLifetime; // the server-side session decides sooner (idle timeout, sign-out)
                o.SlidingExpiration = false;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/login";
                o.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ValidateCookieSessionAsync };
            })
            .AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = AuthOptions.Issuer,
                ValidAudience = AuthOptions.Audience,
                IssuerSigningKey = new SymmetricSecurityKey(auth.SigningKeyBytes),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents { OnTokenValidated = ValidateSessionAsync };
        })
            .AddSecureShareSso();
        // A token's lifetime is judged by the app's clock, the one that issued it and that ends its session.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((o, clock) =>
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is not { } from || from <= now + parameters.ClockSkew) && (expires is not { } until || until > now - parameters.ClockSkew);
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        return services;
    }

    private static async Task ValidateCookieSessionAsync(CookieValidatePrincipalContext context)
    {
        var session = await CheckSessionAsync(
            context.HttpContext, context.Principal?.FindFirst(SessionClaim)?.Value, context.Principal?.FindFirst(SubjectClaim)?.Value, context.Principal?.FindFirst(StampClaim)?.Value);
        if (session is not SessionCheck.Valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private enum SessionCheck
    {
        Valid,
        NotASession,
        Ended,
    }

    /// <summary>
    /// The one session check of both schemes: the server-side session, user id and security stamp the token or
    /// cookie carries, against their current rows. A valid session's principal becomes the request's caller.
    /// </summary>
    private static async Task<SessionCheck> CheckSessionAsync(HttpContext http, string? sessionId, string? subject, string? stamp)
    {
        if (!Guid.TryParse(sessionId, out var session) || !Guid.TryParse(subject, out var userId) || string.IsNullOrEmpty(stamp))
        {
            return SessionCheck.NotASession;
        }

        var principal = await http.RequestServices.GetRequiredService<ISessionValidator>().ValidateAsync(session, userId, stamp, http.RequestAborted);
        if (principal is null)
        {
            return SessionCheck.Ended;
        }

        http.Features.Set(principal);
        return SessionCheck.Valid;
    }

    public const string SubjectClaim = "sub";
    public const string StampClaim = "sstamp";
    public const string SessionClaim = "sid";

    /// <summary>The UI's cookie holds only the session id, user id and security stamp; everything else is read fresh on each request.</summary>
    public static ClaimsPrincipal CookiePrincipal(Guid sessionId, Guid userId, string securityStamp) =>
        new(new ClaimsIdentity(
            [new Claim(SessionClaim, sessionId.ToString()), new Claim(SubjectClaim, userId.ToString()), new Claim(StampClaim, securityStamp)], CookieScheme, SubjectClaim, null));

    private static async Task ValidateSessionAsync(TokenValidatedContext context)
    {
        var token = context.SecurityToken as JsonWebToken;
        var stamp = token?.TryGetPayloadValue<string>(StampClaim, out var s) == true ? s : null;
        var session = token?.TryGetPayloadValue<string>(SessionClaim, out var sid) == true ? sid : null;
        switch (await CheckSessionAsync(context.HttpContext, session, token?.Subject, stamp))
        {
            case SessionCheck.NotASession:
                context.Fail("The token is not a SecureShare session.");
                break;
            case SessionCheck.Ended:
                context.Fail("The session has ended.");
                break;
        }
    }
}

/// <summary>
/// A limited session may do only what lifts its limit: one started with a password an admin gave replaces it; one
/// whose tenant (or MSP) requires a second factor it lacks enrols one. The API answers 403 to anything else (endpoints
/// marked <see cref="AllowedInLimitedSession"/> for that limit excepted); the web UI sends it to the page that lifts it.
/// </summary>
internal static class SessionLimitGate
{
    public const string UiPasswordPage = "/password";

    public const string UiMfaPage = "/mfa";

    /// <summary>
    /// What an API key never reaches: identity (people, groups, keys, sessions, MFA, sign-in, the tenant's policy), and
    /// never changes: clients (a new client brings a new person) and policies (audit retention, link caps). A key passes
    /// no MFA prompt, so it must not manage what guards the people who do.
    /// </summary>
    private static readonly string[] IdentityRoutes =
        ["/api/v1/me", "/api/v1/auth", "/api/v1/api-keys", "/api/v1/invitations", "/api/v1/users", "/api/v1/groups", "/api/v1/tenant"];

    private static bool OutOfReachOfKeys(HttpRequest request) =>
        IdentityRoutes.Any(r => request.Path.StartsWithSegments(r, StringComparison.OrdinalIgnoreCase))
        || (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && (request.Path.StartsWithSegments("/api/v1/clients", StringComparison.OrdinalIgnoreCase)
                || request.Path.Value?.TrimEnd('/').EndsWith("/policy", StringComparison.OrdinalIgnoreCase) == true));

    public static IApplicationBuilder UseSessionLimitGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<SessionPrincipal>() is { Key: { } key })
        {
            if (OutOfReachOfKeys(context.Request))
            {
                throw new SecureShare.BuildingBlocks.Messaging.ForbiddenException("An API key cannot manage people, clients, keys, sessions, sign-in or policies: a person signs in for that.");
            }

            if (key.ReadOnly && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                throw new SecureShare.BuildingBlocks.Messaging.ForbiddenException($"API key '{key.Name}' is read-only.");
            }
        }

        if (context.Features.Get<SessionPrincipal>() is { Limit: not SessionLimit.None } principal
            && !(context.GetEndpoint()?.Metadata.GetOrderedMetadata<AllowedInLimitedSession>() ?? []).Any(a => a.Limit == principal.Limit))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                throw new SecureShare.BuildingBlocks.Messaging.ForbiddenException(principal.Limit == SessionLimit.PasswordChange
                    ? "Your password was given to you by an admin: choose your own first (PUT /api/v1/me/password)."
                    : "Your organisation requires a second factor: enrol an authenticator app (POST /api/v1/me/mfa/totp) or add a passkey (POST /api/v1/me/mfa/passkeys/options) first.");
            }

            var page = principal.Limit == SessionLimit.PasswordChange ? UiPasswordPage : UiMfaPage;
            if (!context.Request.Path.StartsWithSegments(page) && !context.Request.Path.StartsWithSegments("/logout")
                && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
            {
                context.Response.Redirect(page);
                return;
            }
        }

        await next(context);
    });
}
