using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Another tenant's object answers 404, as if it did not exist; lists show the own tenant only.</summary>
public abstract class TenantIsolationTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Site_admin_of_a_new_client_sees_only_its_own_tenant()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var mspGroup = await mspAdmin.PostAsJsonAsync("/api/v1/groups", new { name = "Engineers", memberIds = new[] { msp.AdminId } })
            .ReadJsonAsync(HttpStatusCode.Created);
        var (clientId, siteAdmin, siteAdminEmail) = await App.CreateClientTenantAsync(mspAdmin, "Contoso Dental");

        var me = await siteAdmin.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK);
        me.GetProperty("tenantId").GetGuid().ShouldBe(clientId);
        me.GetProperty("tenantKind").GetString().ShouldBe("Client");
        me.GetProperty("role").GetString().ShouldBe("Admin");

        var users = await siteAdmin.GetAsync("/api/v1/users").ReadJsonAsync(HttpStatusCode.OK);
        users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()).ShouldBe([siteAdminEmail]);
        await siteAdmin.GetAsync($"/api/v1/users/{msp.AdminId}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteAdmin.GetAsync($"/api/v1/groups/{mspGroup.GetProperty("id").GetGuid()}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await siteAdmin.GetAsync("/api/v1/groups").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenants_user_or_group_answers_404_on_every_endpoint()
    {
        var one = await App.SignupMspAsync();
        var other = await App.SignupMspAsync();
        var oneAdmin = await App.ClientForAsync(one.AdminEmail);
        var otherAdmin = await App.ClientForAsync(other.AdminEmail);
        var otherGroup = (await otherAdmin.PostAsJsonAsync("/api/v1/groups", new { name = "Theirs", memberIds = Array.Empty<Guid>() })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var before = await SnapshotRowCountsAsync();

        await oneAdmin.GetAsync($"/api/v1/users/{other.AdminId}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await oneAdmin.PatchAsJsonAsync($"/api/v1/users/{other.AdminId}", new { disabled = true }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await oneAdmin.GetAsync($"/api/v1/groups/{otherGroup}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await oneAdmin.PutAsJsonAsync($"/api/v1/groups/{otherGroup}/members", new { memberIds = new[] { one.AdminId } }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var foreignMember = await oneAdmin.PostAsJsonAsync("/api/v1/groups", new { name = "Mixed", memberIds = new[] { other.AdminId } })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        foreignMember.GetProperty("errors").GetProperty("memberIds").ToString().ShouldNotContain(other.AdminId.ToString());

        (await SnapshotRowCountsAsync()).ShouldBe(before);
        (await App.LoginAsync(other.AdminEmail)).Role.ShouldBe("Admin");
    }

    [Fact]
    public async Task A_client_tenant_has_no_clients()
    {
        var msp = await App.SignupMspAsync();
        var (_, siteAdmin, _) = await App.CreateClientTenantAsync(await App.ClientForAsync(msp.AdminEmail));
        await siteAdmin.GetAsync("/api/v1/clients").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await siteAdmin.PostAsJsonAsync("/api/v1/clients",
                new { name = "Sub client", adminEmail = Api.UniqueEmail(), adminPassword = Api.Password, adminDisplayName = "Sub" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_msp_lists_only_its_own_clients()
    {
        var one = await App.SignupMspAsync();
        var other = await App.SignupMspAsync();
        var oneAdmin = await App.ClientForAsync(one.AdminEmail);
        var (mine, _, _) = await App.CreateClientTenantAsync(oneAdmin, "Mine");
        await App.CreateClientTenantAsync(await App.ClientForAsync(other.AdminEmail), "Theirs");

        var clients = await oneAdmin.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK);
        clients.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([mine]);
    }

    [Fact]
    public async Task Client_names_are_unique_within_an_msp_but_not_across_msps()
    {
        var one = await App.SignupMspAsync();
        var other = await App.SignupMspAsync();
        var oneAdmin = await App.ClientForAsync(one.AdminEmail);
        await App.CreateClientTenantAsync(oneAdmin, "Contoso");
        await App.CreateClientTenantAsync(await App.ClientForAsync(other.AdminEmail), "Contoso");

        await oneAdmin.PostAsJsonAsync("/api/v1/clients",
                new { name = "contoso", adminEmail = Api.UniqueEmail(), adminPassword = Api.Password, adminDisplayName = "Again" })
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Audit_log_shows_only_the_callers_tenant()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientId, siteAdmin, _) = await App.CreateClientTenantAsync(mspAdmin);

        var clientEvents = await siteAdmin.GetAsync("/api/v1/audit?limit=500").ReadJsonAsync(HttpStatusCode.OK);
        clientEvents.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("tenantId").GetGuid() == clientId);
        var mspEvents = await mspAdmin.GetAsync("/api/v1/audit?limit=500").ReadJsonAsync(HttpStatusCode.OK);
        mspEvents.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("tenantId").GetGuid() == msp.TenantId);
        mspEvents.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldContain("client.created");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantIsolationTests_Sqlite(SqliteApp app) : TenantIsolationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantIsolationTests_Postgres(PostgresApp app) : TenantIsolationTests(app);
