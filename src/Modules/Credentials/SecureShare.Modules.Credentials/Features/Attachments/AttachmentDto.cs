namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>A file on a credential: its name, size and type only, and its earlier versions the caller may see.</summary>
public sealed record AttachmentDto(
    Guid Id, string Name, long Size, string ContentType, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<AttachmentVersionDto> Versions);

/// <summary>An earlier file of an attachment; its bytes at <c>…/content?version=</c>.</summary>
public sealed record AttachmentVersionDto(int Version, string Name, long Size, string ContentType, DateTimeOffset ReplacedAt, string ReplacedBy);

/// <summary>How attachments are shown and audited.</summary>
internal static class Attachments
{
    public static AttachmentDto ToDto(this Domain.Attachment a, IReadOnlyList<AttachmentVersionDto> versions) =>
        new(a.Id, a.Name, a.Size, a.ContentType, a.Version, a.CreatedAt, a.UpdatedAt, versions);

    /// <summary>An attachment event names the credential (the target every credential filter and report reads) and the file.</summary>
    public static BuildingBlocks.Messaging.AuditRecord Event(
        string type, Domain.Credential credential, Domain.Attachment attachment, int? version = null,
        BuildingBlocks.Messaging.AuditOutcome outcome = BuildingBlocks.Messaging.AuditOutcome.Succeeded) =>
        Event(type, credential.Id, credential.Name, attachment, version, outcome);

    public static BuildingBlocks.Messaging.AuditRecord Event(
        string type, Guid credentialId, string credentialName, Domain.Attachment attachment, int? version = null,
        BuildingBlocks.Messaging.AuditOutcome outcome = BuildingBlocks.Messaging.AuditOutcome.Succeeded, string? via = null)
    {
        var details = new Dictionary<string, string>
        {
            ["attachmentId"] = attachment.Id.ToString(),
            ["file"] = attachment.Name,
            ["size"] = attachment.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (via is not null)
        {
            details["via"] = via;
        }

        if (version is { } v)
        {
            details["version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new(type, outcome,
            [new BuildingBlocks.Messaging.AuditTarget(BuildingBlocks.Messaging.AuditTargetKinds.Credential, credentialId, credentialName)], details);
    }
}
