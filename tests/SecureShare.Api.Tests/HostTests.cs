using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class HostTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Health_live_ready_and_database_answer_200_without_a_token()
    {
        var client = App.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/database")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_account_endpoints()
    {
        var response = await App.CreateClient().GetAsync("/openapi/v1.json");
        var doc = await response.ReadJsonAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/auth/login");
        paths.ShouldContain("/api/v1/users/{id}");
        paths.ShouldContain("/api/v1/audit");
        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [Fact]
    public async Task Interactive_api_reference_is_served()
    {
        var response = await App.CreateClient().GetAsync("/scalar/v1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }

    [Fact]
    public async Task Unknown_route_and_missing_token_answer_problem_details()
    {
        await App.CreateClient().GetAsync("/api/v1/nothing-here").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await App.CreateClient().GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Demo_seed_creates_an_msp_with_two_clients_and_its_printed_admin_can_sign_in()
    {
        await using var scope = App.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
        var logins = await mediator.Send(new SecureShare.Modules.Accounts.Features.Demo.SeedDemo.Command());

        logins.ShouldNotBeNull();
        logins.Count.ShouldBe(9);
        logins.Select(l => l.Tenant).Distinct().Count().ShouldBe(3);
        var mspAdmin = logins.Single(l => l.Kind == SecureShare.BuildingBlocks.Tenancy.TenantKind.Msp && l.Role == SecureShare.BuildingBlocks.Security.UserRole.Admin);
        var client = await App.ClientForAsync(mspAdmin.Email, mspAdmin.Password);
        var me = await client.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK);
        me.GetProperty("tenantKind").GetString().ShouldBe("Msp");
        me.GetProperty("role").GetString().ShouldBe("Admin");
        var clients = await client.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK);
        clients.GetProperty("items").GetArrayLength().ShouldBe(2);

        await using var again = App.CreateScope();
        (await again.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SecureShare.Modules.Accounts.Features.Demo.SeedDemo.Command())).ShouldBeNull();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostTests_Sqlite(SqliteApp app) : HostTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HostTests_Postgres(PostgresApp app) : HostTests(app);
