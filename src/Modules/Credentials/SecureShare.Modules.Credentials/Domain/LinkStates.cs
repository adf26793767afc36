using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Features.Links;

namespace SecureShare.Modules.Credentials.Domain;

internal static class LinkStates
{
    /// <summary>
    /// A link something can still end: its content not yet gone, or its files still served to the recipient of its last
    /// view (an open's grant). Revocations take these, so that no file outlives the share, the user or the scope revoked.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<LinkShare, bool>> Live(DateTimeOffset now) =>
        l => l.RevokedAt == null && (l.Ciphertext != null || l.FilesGrantExpiresAt > now);

    /// <summary>Revocation wins, then a lock by wrong passphrases, then spent views, then expiry (or content gone).</summary>
    public static LinkState StateAt(this LinkShare link, DateTimeOffset now) =>
        link.RevokedAt is not null ? LinkState.Revoked
        : link.FailedAttempts >= LinkLimits.MaxFailedPassphrases ? LinkState.Locked
        : link.Views >= link.MaxViews ? LinkState.UsedUp
        : link.ExpiresAt <= now || link.Ciphertext is null ? LinkState.Expired
        : LinkState.Active;

    public static LinkDto ToDto(this LinkShare link, DateTimeOffset now) => new(
        link.Id,
        link.CredentialId,
        link.TenantId,
        link.Title,
        LinkContent.NamesFromColumn(link.Fields),
        link.StateAt(now),
        link.Views,
        link.MaxViews,
        link.PassphraseHash is not null,
        link.FailedAttempts,
        link.CreatedAt,
        new ChangedBy(link.CreatedByUserId, link.CreatedByName),
        link.ExpiresAt,
        link.RevokedAt);

    public static AuditRecord Record(
        string type, LinkShare link, AuditOutcome outcome = AuditOutcome.Succeeded, Dictionary<string, string>? details = null, AuditActor? actor = null,
        string? credentialName = null) =>
        Record(type, link.Id, link.Title, link.CredentialId, outcome, details, actor, credentialName);

    /// <summary>An event about a link, named by its title, and about its credential (named where the caller has it at hand).</summary>
    public static AuditRecord Record(
        string type, Guid linkId, string title, Guid credentialId, AuditOutcome outcome = AuditOutcome.Succeeded, Dictionary<string, string>? details = null,
        AuditActor? actor = null, string? credentialName = null) =>
        new(type, outcome, [new AuditTarget(AuditTargetKinds.Link, linkId, title), new AuditTarget(AuditTargetKinds.Credential, credentialId, credentialName)], details, actor);
}
