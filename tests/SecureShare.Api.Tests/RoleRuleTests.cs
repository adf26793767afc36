using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>The role rules of PRODUCT.md for accounts: Admins manage users and groups; others get 403, audited.</summary>
public abstract class RoleRuleTests(TestApp app) : DatabaseTest(app)
{
    private async Task<(Msp Msp, HttpClient Admin, HttpClient Technician, HttpClient Member, Guid MemberId)> TenantWithRolesAsync()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var techEmail = Api.UniqueEmail("tech");
        var memberEmail = Api.UniqueEmail("member");
        await admin.CreateUserAsync(techEmail, "Technician");
        var memberId = await admin.CreateUserAsync(memberEmail, "Member");
        return (msp, admin, await App.ClientForAsync(techEmail), await App.ClientForAsync(memberEmail), memberId);
    }

    [Fact]
    public async Task Technician_cannot_add_users_and_the_denial_is_audited()
    {
        var (_, admin, technician, _, _) = await TenantWithRolesAsync();
        var before = await SnapshotRowCountsAsync();

        await technician.PostAsJsonAsync("/api/v1/users", new { email = Api.UniqueEmail(), displayName = "New", role = "Admin", password = Api.Password })
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var denied = await admin.GetAsync("/api/v1/audit?type=access.denied").ReadJsonAsync(HttpStatusCode.OK);
        var item = denied.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("outcome").GetString().ShouldBe("Denied");
        item.GetProperty("details").GetProperty("action").GetString().ShouldBe("CreateUser");
        var after = await SnapshotRowCountsAsync();
        after.Split(',')[..4].ShouldBe(before.Split(',')[..4]);
    }

    [Fact]
    public async Task Member_cannot_list_users_groups_or_audit()
    {
        var (_, _, _, member, _) = await TenantWithRolesAsync();
        await member.GetAsync("/api/v1/users").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await member.GetAsync("/api/v1/groups").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await member.GetAsync("/api/v1/audit").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await member.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Technician_reads_groups_but_cannot_change_them()
    {
        var (_, admin, technician, _, memberId) = await TenantWithRolesAsync();
        var group = (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Front desk", memberIds = new[] { memberId } })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        (await technician.GetAsync($"/api/v1/groups/{group}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("memberIds").GetArrayLength().ShouldBe(1);
        await technician.PutAsJsonAsync($"/api/v1/groups/{group}/members", new { memberIds = Array.Empty<Guid>() }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await technician.PostAsJsonAsync("/api/v1/groups", new { name = "Mine" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Msp_technician_cannot_create_clients()
    {
        var (_, _, technician, _, _) = await TenantWithRolesAsync();
        await technician.PostAsJsonAsync("/api/v1/clients",
                new { name = "Contoso", adminEmail = Api.UniqueEmail(), adminPassword = Api.Password, adminDisplayName = "Site" })
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await technician.GetAsync("/api/v1/clients")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_demoted_or_disabled()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        await admin.PatchAsJsonAsync($"/api/v1/users/{msp.AdminId}", new { role = "Member" }).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await admin.PatchAsJsonAsync($"/api/v1/users/{msp.AdminId}", new { disabled = true }).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await admin.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("role").GetString().ShouldBe("Admin");
    }

    [Fact]
    public async Task Admin_manages_group_members_and_me_shows_the_groups()
    {
        var (_, admin, _, _, memberId) = await TenantWithRolesAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Marketing", memberIds = Array.Empty<Guid>() }).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var updated = await admin.PutAsJsonAsync($"/api/v1/groups/{id}/members", new { memberIds = new[] { memberId, memberId } }).ReadJsonAsync(HttpStatusCode.OK);
        updated.GetProperty("memberIds").EnumerateArray().Select(m => m.GetGuid()).ShouldBe([memberId]);
        var listed = await admin.GetAsync("/api/v1/groups").ReadJsonAsync(HttpStatusCode.OK);
        listed.GetProperty("items")[0].GetProperty("memberIds").EnumerateArray().Select(m => m.GetGuid()).ShouldBe([memberId]);
        await admin.PostAsJsonAsync("/api/v1/groups", new { name = "marketing" }).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var changes = await admin.GetAsync($"/api/v1/audit?type=group.members.changed").ReadJsonAsync(HttpStatusCode.OK);
        changes.GetProperty("items").GetArrayLength().ShouldBe(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RoleRuleTests_Sqlite(SqliteApp app) : RoleRuleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RoleRuleTests_Postgres(PostgresApp app) : RoleRuleTests(app);
