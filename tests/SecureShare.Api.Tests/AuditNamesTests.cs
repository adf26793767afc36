using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Events name people and objects as they were called when it happened (PRODUCT.md §Audit), so a log stays readable
/// after renames and deletions; a client's Admin keeps the MSP's reads of its credentials apart with actorTenant=partner.
/// </summary>
public abstract class AuditNamesTests(TestApp app) : DatabaseTest(app)
{
    private sealed record NamedActor(Guid? UserId, string Name, Guid? TenantId, string? TenantName);

    private sealed record NamedTarget(string Kind, Guid Id, string? Name);

    private sealed record NamedEvent(Guid Id, string Type, Guid TenantId, string? TenantName, NamedActor Actor, IReadOnlyList<NamedTarget> Targets, string Summary);

    private static async Task<IReadOnlyList<NamedEvent>> LogAsync(HttpClient admin, string query = "") =>
        (await admin.GetAsync($"/api/v1/audit?limit=500&{query}").ReadAsync<PageOf<NamedEvent>>(HttpStatusCode.OK)).Items;

    [Fact]
    public async Task A_clients_log_names_the_msp_technician_and_the_credential_as_they_were_after_both_change()
    {
        var msp = await App.SignupMspAsync("Acme MSP");
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var danaEmail = Api.UniqueEmail("dana");
        var dana = await mspAdmin.CreateUserAsync(danaEmail, "Technician");
        await mspAdmin.PatchAsJsonAsync($"/api/v1/users/{dana}", new { displayName = "Dana" }).ReadJsonAsync(HttpStatusCode.OK);
        var tech = await App.ClientForAsync(danaEmail);
        var (contosoId, contoso, _) = await App.CreateClientTenantAsync(mspAdmin, "Contoso");

        var nas = await contoso.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Contoso NAS", secret = "nas-secret" }).CreatedIdAsync();
        await contoso.PutAsJsonAsync($"/api/v1/credentials/{nas}/shares/{msp.TenantId}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        await tech.RevealAsync(nas);

        // Afterwards the technician is renamed and the credential renamed, then deleted: the log keeps the names of the time.
        await mspAdmin.PatchAsJsonAsync($"/api/v1/users/{dana}", new { displayName = "Dana Smith" }).ReadJsonAsync(HttpStatusCode.OK);
        await contoso.PatchAsJsonAsync($"/api/v1/credentials/{nas}", new { name = "NAS (retired)" }).ReadJsonAsync(HttpStatusCode.OK);
        (await contoso.DeleteAsync($"/api/v1/credentials/{nas}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The partner's actions in the client's log: the MSP Admin who created it, and Dana's read.
        var partner = await LogAsync(contoso, "actorTenant=partner");
        partner.ShouldAllBe(e => e.Actor.TenantId == msp.TenantId && e.Actor.TenantName == "Acme MSP");
        partner.Select(e => e.Summary).ShouldContain("MSP Admin (Acme MSP) created tenant 'Contoso'");
        var reveal = partner.Where(e => e.Actor.UserId == dana).ShouldHaveSingleItem();
        reveal.Type.ShouldBe("credential.revealed");
        reveal.Summary.ShouldBe("Dana (Acme MSP) revealed 'Contoso NAS'");
        reveal.TenantName.ShouldBe("Contoso");
        reveal.Actor.ShouldBe(new NamedActor(dana, "Dana", msp.TenantId, "Acme MSP"));
        reveal.Targets.ShouldBe([new NamedTarget("credential", nas, "Contoso NAS")]);

        var own = await LogAsync(contoso, "actorTenant=own");
        own.ShouldNotContain(e => e.Actor.TenantId != contosoId);
        own.Select(e => e.Summary).ShouldContain("Site Admin (Contoso) shared 'Contoso NAS' with 'Acme MSP'");
        own.Select(e => e.Summary).ShouldContain("Site Admin (Contoso) updated 'NAS (retired)'");
        own.Select(e => e.Summary).ShouldContain("Site Admin (Contoso) deleted 'NAS (retired)'");
        var all = await LogAsync(contoso);
        all.Count.ShouldBe(own.Count + partner.Count + all.Count(e => e.Actor.TenantId is null));

        // The MSP's log names the client, and its own technician under the name of each moment.
        var mspLog = await LogAsync(mspAdmin);
        mspLog.Select(e => e.Summary).ShouldContain("Dana (Acme MSP) revealed 'Contoso NAS'");
        mspLog.Select(e => e.Summary).ShouldContain("MSP Admin (Acme MSP) updated user 'Dana Smith'");
        mspLog.Select(e => e.Summary).ShouldContain("Site Admin (Contoso) shared 'Contoso NAS' with this tenant from 'Contoso'");
        mspLog.Select(e => e.Summary).ShouldContain("Site Admin (Contoso) ended the share of 'NAS (retired)' between this tenant and 'Contoso' by deleting it");

        // The CSV export carries the same sentence, filtered the same way, and the log still verifies.
        var csv = await contoso.GetAsync($"/api/v1/audit/export?format=csv&actorTenant=partner&actorId={dana}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK, await csv.Content.ReadAsStringAsync());
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Split(',').ShouldContain("summary");
        lines.Skip(1).ShouldHaveSingleItem().ShouldContain(",Dana (Acme MSP) revealed 'Contoso NAS',");
        lines[1].ShouldContain(",Acme MSP,");
        (await contoso.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK)).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_actor_tenant_filter_is_a_problem_that_names_the_parameter()
    {
        var family = await App.Family().BuildAsync();
        foreach (var path in new[] { "/api/v1/audit?actorTenant=mine", "/api/v1/audit/export?actorTenant=1" })
        {
            var problem = await family.Admin.Api.GetAsync(path).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").TryGetProperty("actorTenant", out _).ShouldBeTrue(problem.ToString());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditNamesTests_Sqlite(SqliteApp app) : AuditNamesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditNamesTests_Postgres(PostgresApp app) : AuditNamesTests(app);
