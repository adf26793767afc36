using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>
/// A tenant's single sign-on through its own OpenID Connect provider (Entra ID, Okta, Google… are configurations of
/// this): where the provider is, this installation's client there (its secret encrypted under the tenant's data key),
/// the role a first sign-in gets, which groups claim values put a user in which security group, and the break-glass
/// admins who may still sign in with a password and a second factor when the tenant requires SSO.
/// </summary>
internal sealed class TenantSso : ITenantOwned
{
    public const string SecretField = "sso-client-secret";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>The provider's name on the sign-in button ("Sign in with Contoso Entra ID").</summary>
    public required string DisplayName { get; set; }

    public required string Authority { get; set; }

    public required string ClientId { get; set; }

    public required byte[] ClientSecret { get; set; }

    public UserRole DefaultRole { get; set; }

    /// <summary>The claim whose values map to security groups (e.g. <c>groups</c>); null: no group mapping.</summary>
    public string? GroupClaim { get; set; }

    /// <summary>Claim value → security group id, as JSON.</summary>
    public string GroupMappings { get; set; } = "{}";

    /// <summary>The break-glass admins' ids, comma-separated.</summary>
    public string BreakGlassUserIds { get; set; } = "";

    /// <summary>
    /// Emails whose domain is listed here may be created at their first sign-in (with <see cref="DefaultRole"/>); with
    /// none listed, single sign-on only opens accounts that exist (and invitations). Comma-separated, lower case.
    /// </summary>
    public string AllowedEmailDomains { get; set; } = "";

    /// <summary>
    /// The provider's email claim is trusted without <c>email_verified</c> (Entra ID, whose tenants own their verified
    /// domains, sends none). Off: a token must say <c>email_verified: true</c> for its email to match or create an account.
    /// </summary>
    public bool TrustEmailClaim { get; set; }

    /// <summary>A new random value with every change (a concurrency token): options cached by any host for an older one are stale.</summary>
    public Guid Stamp { get; set; } = Guid.NewGuid();

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<Guid> BreakGlass =>
        [.. BreakGlassUserIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];

    public IReadOnlyList<string> EmailDomains => AllowedEmailDomains.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyDictionary<string, Guid> Mappings =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, Guid>>(GroupMappings) ?? [];
}
