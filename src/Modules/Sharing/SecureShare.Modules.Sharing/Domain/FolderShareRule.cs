using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Sharing.Domain;

/// <summary>
/// A folder of the origin tenant (this row's tenant) that shares what is in it, and in its subfolders, with one client (or
/// the MSP): credentials created in or moved into it are shared on these terms, moved out or the rule removed they stop.
/// For a credential, the nearest folder upwards with a rule for a target is the rule that shares it there. The target's
/// Admins choose where in their own tree its credentials arrive (<see cref="TargetFolderId"/>; the top without).
/// </summary>
internal sealed class FolderShareRule : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid FolderId { get; init; }

    public Guid TargetTenantId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public SharePermission Permission { get; set; }

    public bool AudienceEveryone { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>A folder of the target tenant, chosen by its Admins.</summary>
    public Guid? TargetFolderId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedByName { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<FolderShareRuleAudience> Audience { get; init; } = [];

    public ShareTerms Terms => new(
        true,
        Permission,
        new ShareAudience(AudienceEveryone, [.. Audience.Where(a => a.Kind == PrincipalKind.User).Select(a => a.PrincipalId)], [.. Audience.Where(a => a.Kind == PrincipalKind.Group).Select(a => a.PrincipalId)]),
        ExpiresAt);
}

/// <summary>A user or group of the target tenant in a rule's audience.</summary>
internal sealed class FolderShareRuleAudience : ITenantOwned
{
    public Guid RuleId { get; init; }

    public Guid PrincipalId { get; init; }

    public PrincipalKind Kind { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
