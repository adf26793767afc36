using System.Text.Json.Serialization;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Features.Credentials;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>Where a link share stands; <c>LinkStates.StateAt</c> decides it.</summary>
public enum LinkState
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("used-up")]
    UsedUp,

    [JsonStringEnumMemberName("revoked")]
    Revoked,

    [JsonStringEnumMemberName("locked")]
    Locked,
}

/// <summary>A link share as its tenant's users see it (and its credential's origin): never its token, key, passphrase or content. TenantId is the tenant it was made in.</summary>
public sealed record LinkDto(
    Guid Id,
    Guid CredentialId,
    Guid TenantId,
    string Title,
    IReadOnlyList<string> Fields,
    LinkState State,
    int Views,
    int MaxViews,
    bool PassphraseRequired,
    int FailedAttempts,
    DateTimeOffset CreatedAt,
    ChangedBy CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt);

/// <summary>The answer to a create: the link itself, shown this once (its key is after '#').</summary>
public sealed record CreatedLinkDto(Guid Id, string Url, LinkDto Link)
{
    public override string ToString() => Redacted.Text;
}
