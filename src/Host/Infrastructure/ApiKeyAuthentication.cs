using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// <c>Authorization: Bearer ss_…</c> on the API: an API key, checked against its row on every request like a session.
/// The key's principal becomes the request's caller; the gate keeps it from identity routes and, read-only, from writes.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SecureShare.ApiKey";
    private const string BearerKey = "Bearer ss_";

    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerKey, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (key.Length > 100)
        {
            return AuthenticateResult.Fail("Not an API key.");
        }

        var principal = await Context.RequestServices.GetRequiredService<IApiKeyValidator>()
            .ValidateAsync(key, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (principal is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked, expired or not allowed from this address.");
        }

        Context.Features.Set(principal);
        var identity = new ClaimsIdentity([new Claim(AuthSetup.SubjectClaim, principal.UserId.ToString())], SchemeName, AuthSetup.SubjectClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
