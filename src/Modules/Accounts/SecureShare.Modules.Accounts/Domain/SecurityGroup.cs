using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

internal sealed class SecurityGroup : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<GroupMember> Members { get; init; } = [];
}

internal sealed class GroupMember : ITenantOwned
{
    public Guid GroupId { get; init; }

    public Guid UserId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
