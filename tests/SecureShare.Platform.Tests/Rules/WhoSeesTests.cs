using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Tests.Rules;

/// <summary>
/// PRODUCT.md: who in a tenant sees a credential, and why. Admins always; in the origin tenant everyone else too; in a
/// target tenant only the share's audience (named, or through a group); a group-restricted folder lets in only its groups.
/// </summary>
public sealed class WhoSeesTests
{
    private static readonly Guid Nurses = Guid.NewGuid();
    private static readonly Guid Billing = Guid.NewGuid();
    private static readonly TenantMember Admin = new(Guid.NewGuid(), "Ada Admin", IsAdmin: true, []);
    private static readonly TenantMember Nurse = new(Guid.NewGuid(), "Nora Nurse", IsAdmin: false, [Nurses]);
    private static readonly TenantMember Clerk = new(Guid.NewGuid(), "Carl Clerk", IsAdmin: false, [Billing]);
    private static readonly TenantMember Named = new(Guid.NewGuid(), "Nina Named", IsAdmin: false, []);

    private static readonly TenantMembers Members = new(
        [Admin, Nurse, Clerk, Named], new Dictionary<Guid, string> { [Nurses] = "Nurses", [Billing] = "Billing" });

    private static Dictionary<string, string> WhoSees(bool isOrigin, bool everyone, Guid[] audience, Guid[]? folderGroups = null) =>
        new AccessResolver(Members, isOrigin)
            .WhoSees(new EntryAccess(Guid.NewGuid(), everyone, audience, folderGroups))
            .ToDictionary(u => u.DisplayName, u => u.Via);

    [Fact]
    public void In_the_origin_tenant_everyone_sees_it_and_admins_as_admins()
    {
        WhoSees(isOrigin: true, everyone: false, []).ShouldBe(new Dictionary<string, string>
        {
            ["Ada Admin"] = "admin", ["Nora Nurse"] = "owner-tenant", ["Carl Clerk"] = "owner-tenant", ["Nina Named"] = "owner-tenant",
        }, ignoreOrder: true);
    }

    [Fact]
    public void In_a_target_tenant_only_the_audience_sees_it_named_or_through_a_group()
    {
        WhoSees(isOrigin: false, everyone: false, [Named.UserId, Nurses]).ShouldBe(new Dictionary<string, string>
        {
            ["Ada Admin"] = "admin", ["Nina Named"] = "audience", ["Nora Nurse"] = "group:Nurses",
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_share_for_everyone_reaches_every_user_of_the_target()
    {
        WhoSees(isOrigin: false, everyone: true, []).Keys.ShouldBe(["Ada Admin", "Nora Nurse", "Carl Clerk", "Nina Named"], ignoreOrder: true);
    }

    [Fact]
    public void A_group_restricted_folder_lets_in_only_its_groups_and_the_admins()
    {
        WhoSees(isOrigin: true, everyone: false, [], folderGroups: [Billing]).ShouldBe(new Dictionary<string, string>
        {
            ["Ada Admin"] = "admin", ["Carl Clerk"] = "group:Billing",
        }, ignoreOrder: true);
        WhoSees(isOrigin: false, everyone: true, [], folderGroups: [Billing]).Keys.ShouldBe(["Ada Admin", "Carl Clerk"], ignoreOrder: true);
    }

    [Fact]
    public void Nothing_filed_in_the_tenant_is_seen_by_nobody()
    {
        new AccessResolver(Members, isOrigin: true).WhoSees(null).ShouldBeEmpty();
    }
}
