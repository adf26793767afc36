using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Features.Shares;

namespace SecureShare.Modules.Sharing.Domain;

/// <summary>The terms a share request asks for: enabled, and when enabled, audience, permission and expiry.</summary>
internal sealed record ShareTerms(bool Enabled, SharePermission Permission, ShareAudience Audience, DateTimeOffset? ExpiresAt);

/// <summary>What a share request does to one credential the caller owns, given its share with the target as it stands.</summary>
internal static class ShareDecision
{
    /// <summary>
    /// Not shared yet: shared, or unchanged when the request stops it. Shared: stopped when the request stops it,
    /// unchanged when the terms (permission, audience, expiry) are the same, else updated.
    /// </summary>
    public static ShareOutcome Decide(Share? existing, ShareTerms terms) => (existing, terms.Enabled) switch
    {
        (null, true) => ShareOutcome.Shared,
        (null, false) => ShareOutcome.Unchanged,
        (_, false) => ShareOutcome.Stopped,
        _ when existing.Permission == terms.Permission && existing.AudienceEveryone == terms.Audience.Everyone && existing.ExpiresAt == terms.ExpiresAt
            && existing.Audience.Select(a => a.PrincipalId).ToHashSet().SetEquals(terms.Audience.Principals) => ShareOutcome.Unchanged,
        _ => ShareOutcome.Updated,
    };
}
