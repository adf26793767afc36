using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>
/// A tenant's single sign-on as its admin sees it (never the client secret). <c>RedirectUri</c> is what to register at
/// the provider; <c>SignInUrl</c> is the link to hand the tenant's users (the sign-in page offers it too).
/// </summary>
public sealed record SsoDto(
    string DisplayName,
    string Authority,
    string ClientId,
    UserRole DefaultRole,
    string? GroupClaim,
    IReadOnlyDictionary<string, Guid> GroupMappings,
    IReadOnlyList<Guid> BreakGlassUserIds,
    IReadOnlyList<string> AllowedEmailDomains,
    bool TrustEmailClaim,
    string SignInUrl,
    string RedirectUri)
{
    internal static SsoDto Of(TenantSso sso, string tenantIdentifier, string baseUrl) => new(
        sso.DisplayName, sso.Authority, sso.ClientId, sso.DefaultRole, sso.GroupClaim, sso.Mappings, sso.BreakGlass, sso.EmailDomains, sso.TrustEmailClaim,
        baseUrl + SsoPaths.LoginPage(tenantIdentifier), baseUrl + SsoPaths.Callback(tenantIdentifier));
}

/// <summary>Where a tenant's single sign-on starts and where its provider answers: one place for the Host and the API.</summary>
public static class SsoPaths
{
    public const string Prefix = "/sso/";

    public static string SignIn(string tenantIdentifier) => Prefix + Uri.EscapeDataString(tenantIdentifier);

    /// <summary>The sign-in page offering the tenant's single sign-on ("Sign in with …"), the link to hand its users.</summary>
    public static string LoginPage(string tenantIdentifier) => "/login?org=" + Uri.EscapeDataString(tenantIdentifier);

    public static string Callback(string tenantIdentifier) => SignIn(tenantIdentifier) + "/callback";

    /// <summary>The tenant identifier of a /sso/{identifier}[/callback] path; null for any other path.</summary>
    public static string? TenantOf(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[Prefix.Length..];
        var identifier = rest.EndsWith("/callback", StringComparison.Ordinal) ? rest[..^"/callback".Length] : rest;
        return identifier.Length is > 0 and <= 64 && !identifier.Contains('/', StringComparison.Ordinal) ? Uri.UnescapeDataString(identifier) : null;
    }
}
