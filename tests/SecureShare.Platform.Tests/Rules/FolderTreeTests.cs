using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Folders.Features.Folders;

namespace SecureShare.Tests.Rules;

/// <summary>
/// PRODUCT.md: each side files credentials in its own folder tree; a folder may be restricted to security groups, and
/// then it and everything below it is seen only by Admins and members of those groups.
/// </summary>
public sealed class FolderTreeTests
{
    private static readonly Guid Nurses = Guid.NewGuid();
    private static readonly Guid Billing = Guid.NewGuid();

    // Clinic ─┬─ Wards ── Night shift
    //         └─ Accounts (restricted to Billing)
    private readonly Folder _clinic = Make("Clinic", null);
    private readonly Folder _wards;
    private readonly Folder _nightShift;
    private readonly Folder _accounts;
    private readonly Dictionary<Guid, Folder> _tree;

    public FolderTreeTests()
    {
        _wards = Make("Wards", _clinic);
        _nightShift = Make("Night shift", _wards);
        _accounts = Make("Accounts", _clinic);
        _accounts.SetGroups([Billing]);
        _tree = new[] { _clinic, _wards, _nightShift, _accounts }.ToDictionary(f => f.Id);
        FolderTree.RecomputeRestrictions(_tree);
    }

    private static Folder Make(string name, Folder? parent)
    {
        var folder = new Folder { Name = name, NormalizedName = Folder.Normalize(name) };
        folder.Place(parent?.Id);
        return folder;
    }

    private static SessionPrincipal Caller(UserRole role, params Guid[] groups) =>
        new(Guid.NewGuid(), "someone@clinic.example", "Someone", role, new TenantInfo(Guid.NewGuid(), "clinic", "Clinic", TenantKind.Client, Guid.NewGuid()), groups);

    [Fact]
    public void A_folder_cannot_move_into_itself_or_below_itself()
    {
        FolderTree.IsSelfOrDescendant(_tree, _wards.Id, _wards.Id).ShouldBeTrue();
        FolderTree.IsSelfOrDescendant(_tree, _clinic.Id, _nightShift.Id).ShouldBeTrue();
        FolderTree.IsSelfOrDescendant(_tree, _wards.Id, _accounts.Id).ShouldBeFalse();
        FolderTree.IsSelfOrDescendant(_tree, _nightShift.Id, _clinic.Id).ShouldBeFalse();
    }

    [Fact]
    public void A_restriction_covers_the_folder_and_everything_below_it()
    {
        _wards.SetGroups([Nurses]);
        FolderTree.RecomputeRestrictions(_tree);

        _wards.RestrictedBy.ShouldBe(_wards.Id);
        _nightShift.RestrictedBy.ShouldBe(_wards.Id);
        _accounts.RestrictedBy.ShouldBe(_accounts.Id);
        _clinic.RestrictedBy.ShouldBeNull();
    }

    [Fact]
    public void The_nearest_restricted_folder_decides_and_lifting_it_restores_what_is_above()
    {
        _clinic.SetGroups([Billing]);
        _wards.SetGroups([Nurses]);
        FolderTree.RecomputeRestrictions(_tree);
        _nightShift.RestrictedBy.ShouldBe(_wards.Id);

        _wards.SetGroups([]);
        FolderTree.RecomputeRestrictions(_tree);
        _nightShift.RestrictedBy.ShouldBe(_clinic.Id);
    }

    [Fact]
    public void A_restricted_folder_is_seen_by_admins_and_by_members_of_its_groups_only()
    {
        _accounts.CanSee(_tree, Caller(UserRole.Admin)).ShouldBeTrue();
        _accounts.CanSee(_tree, Caller(UserRole.Member, Billing)).ShouldBeTrue();
        _accounts.CanSee(_tree, Caller(UserRole.Technician, Nurses)).ShouldBeFalse();
        _wards.CanSee(_tree, Caller(UserRole.Member)).ShouldBeTrue();
    }
}
