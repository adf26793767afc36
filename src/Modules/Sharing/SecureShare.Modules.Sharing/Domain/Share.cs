using System.Text.Json.Serialization;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Sharing.Domain;

/// <summary>One credential shared from its origin tenant (this row's tenant) to one target tenant of the same MSP family.</summary>
internal sealed class Share : ITenantOwned
{
    public Guid CredentialId { get; init; }

    public Guid TargetTenantId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public SharePermission Permission { get; set; }

    public bool AudienceEveryone { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid CreatedByUserId { get; init; }

    public required string CreatedByName { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ShareAudienceMember> Audience { get; init; } = [];

    /// <summary>The folder share rule that made (or also makes) this share, while its credential is in that rule's folder.</summary>
    public Guid? RuleId { get; set; }

    /// <summary>Shared by a rule alone, not by hand too: it ends when the rule stops covering its credential.</summary>
    public bool RuleOnly { get; set; }
}

/// <summary>Whether an audience member is a user or a security group (stored as "user" and "group").</summary>
internal enum PrincipalKind
{
    [JsonStringEnumMemberName("user")]
    User,

    [JsonStringEnumMemberName("group")]
    Group,
}

/// <summary>A user or security group of the target tenant in a share's audience.</summary>
internal sealed class ShareAudienceMember : ITenantOwned
{
    public Guid CredentialId { get; init; }

    public Guid TargetTenantId { get; init; }

    public Guid PrincipalId { get; init; }

    public PrincipalKind Kind { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

internal static class AudienceRows
{
    /// <summary>The users and groups an audience names, each once and with its kind, as audience rows keep them.</summary>
    public static IEnumerable<(Guid Id, PrincipalKind Kind)> Members(this ShareAudience audience) =>
        audience.UserIds.Distinct().Select(u => (u, PrincipalKind.User)).Concat(audience.GroupIds.Distinct().Select(g => (g, PrincipalKind.Group)));
}
