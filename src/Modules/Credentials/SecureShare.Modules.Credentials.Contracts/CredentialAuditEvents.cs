namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>The audit event types the Credentials module writes about credentials, their secrets and their keys.</summary>
public static class CredentialAuditEvents
{
    public const string Created = "credential.created";
    public const string Updated = "credential.updated";
    public const string Deleted = "credential.deleted";

    /// <summary>A secret was read: written in the reader's tenant and, for a shared credential, in its owner's.</summary>
    public const string Revealed = "credential.revealed";

    public const string VersionsRevealed = "credential.versions.revealed";

    /// <summary>The current one-time code was computed from the credential's TOTP seed and shown (the seed itself stays hidden).</summary>
    public const string TotpCodeRead = "credential.totp-code.read";
    /// <summary>A file was attached, replaced (the old one kept as a version) or deleted with its versions.</summary>
    public const string AttachmentAdded = "credential.attachment.added";
    public const string AttachmentReplaced = "credential.attachment.replaced";
    public const string AttachmentDeleted = "credential.attachment.deleted";

    /// <summary>A file was downloaded: a reveal, written in the reader's tenant and, for a shared credential, in its owner's.</summary>
    public const string AttachmentDownloaded = "credential.attachment.downloaded";

    /// <summary>A stored file failed its integrity check on download (a chunk altered, moved, dropped or cut): nothing was sent.</summary>
    public const string AttachmentIntegrityFailed = "credential.attachment.integrity-failed";

    /// <summary>An import ended: its format and counts (each credential it made has its own <see cref="Created"/> event).</summary>
    public const string Imported = "credentials.imported";

    /// <summary>An import above the jobs' threshold was kept, sealed, for its job: its format, entries and size (nothing is imported yet).</summary>
    public const string ImportKept = "credentials.import.kept";

    /// <summary>An Admin exported credentials to a file: one event naming every credential in it, each secret counted as revealed.</summary>
    public const string Exported = "credentials.exported";

    /// <summary>An MSP Admin downloaded an offboarded client's handover package (the client's log holds its <see cref="Exported"/> event).</summary>
    public const string HandoverDownloaded = "credentials.handover.downloaded";

    /// <summary>An ownership move: the old owner handed the credential over (in its log), the new owner took it over (in its log).</summary>
    public const string HandedOver = "credential.handed-over";
    public const string TakenOver = "credential.taken-over";

    public const string DataKeyRewrapped = "security.data-key.rewrapped";

    /// <summary>A user who read the secret was offboarded: the credential was flagged to rotate (in its origin's log).</summary>
    public const string ExposureFlagged = "credential.exposure.flagged";

    /// <summary>
    /// The events that put a credential's secret in a user's hands (they typed it, revealed it, read a code made from it,
    /// downloaded its files, sealed it into a link, or exported it):
    /// what the "who knew this" report counts.
    /// </summary>
    public static readonly IReadOnlyList<string> SecretReads = [Created, Revealed, VersionsRevealed, TotpCodeRead, AttachmentDownloaded, LinkAuditEvents.Created, Exported];
}

/// <summary>The audit event types the Credentials module writes about link shares.</summary>
public static class LinkAuditEvents
{
    public const string Created = "link.created";
    public const string Opened = "link.opened";

    /// <summary>The recipient fetched a file of the link (sealed under the link's key) with the grant of an open.</summary>
    public const string FileDownloaded = "link.file.downloaded";
    public const string OpenRefused = "link.open.refused";
    public const string PassphraseFailed = "link.passphrase.failed";
    public const string Locked = "link.locked";
    public const string Revoked = "link.revoked";
    public const string Expired = "link.expired";
    public const string PolicyChanged = "link.policy.changed";
}
