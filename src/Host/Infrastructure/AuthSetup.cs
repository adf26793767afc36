using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Features.Auth;
using SecureShare.Modules.Credentials.Features.Links;

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
            .AddPolicyScheme(SelectorScheme, "API bearer token or UI cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? JwtBearerDefaults.AuthenticationScheme : CookieScheme)
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
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var linkOpensPerIp = configuration.GetValue("Links:OpensPerIpPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in attempts (the API's POST, the sign-in page's form post) count; showing the page does not.
            o.AddPolicy(LoginRateLimit.Policy, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("showing the sign-in page")
                : PerIpPerMinute(context, auth.LoginsPerIpPerMinute));
            // A link recipient's requests (look and open, passphrase guesses among them) count per address.
            o.AddPolicy(RecipientLinks.RateLimitPolicy, context => PerIpPerMinute(context, linkOpensPerIp));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429,
                        Title = "Too many requests",
                        Detail = "Too many attempts from this address. Wait a minute and try again.",
                    },
                });
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerIpPerMinute(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });

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
/// A session started with a password an admin gave may only replace it: the API answers 403 to anything
/// else (endpoints marked <see cref="AllowedBeforePasswordChange"/> excepted), the web UI sends it to its
/// password page.
/// </summary>
internal static class OneTimePasswordGate
{
    public const string UiPasswordPage = "/password";

    public static IApplicationBuilder UseOneTimePasswordGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<SessionPrincipal>() is { PasswordChangeOnly: true }
            && context.GetEndpoint()?.Metadata.GetMetadata<AllowedBeforePasswordChange>() is null)
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                throw new SecureShare.BuildingBlocks.Messaging.ForbiddenException(
                    "Your password was given to you by an admin: choose your own first (PUT /api/v1/me/password).");
            }

            if (!context.Request.Path.StartsWithSegments(UiPasswordPage) && !context.Request.Path.StartsWithSegments("/logout")
                && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
            {
                context.Response.Redirect(UiPasswordPage);
                return;
            }
        }

        await next(context);
    });
}
