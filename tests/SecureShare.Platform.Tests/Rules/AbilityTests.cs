using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Tests.Rules;

/// <summary>
/// PRODUCT.md's roles: an Admin manages the tenant and may do everything below; a Technician creates, edits and shares
/// credentials; a Member sees and uses what is made visible to them.
/// </summary>
public sealed class AbilityTests
{
    [Fact]
    public void Each_role_may_do_what_product_md_gives_it_and_nothing_more()
    {
        Abilities.RolesWith(Ability.Administer).ShouldBe([UserRole.Admin]);
        Abilities.RolesWith(Ability.ManageCredentials).ShouldBe([UserRole.Admin, UserRole.Technician], ignoreOrder: true);
        Abilities.RolesWith(Ability.Use).ShouldBe(Enum.GetValues<UserRole>(), ignoreOrder: true);
    }

    [Fact]
    public void Every_ability_names_its_roles() =>
        Enum.GetValues<Ability>().ShouldAllBe(a => Abilities.RolesWith(a).Count > 0);
}
