using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Bulk share, update and stop from a list view: per-item outcomes, set-based, previewable, safe under concurrency.</summary>
public abstract class BulkSharingTests(TestApp app) : DatabaseTest(app)
{
    private sealed record Setup(Msp Msp, HttpClient MspAdmin, Guid ClientA, HttpClient SiteA, Guid ClientB, HttpClient SiteB);

    private async Task<Setup> SetupAsync()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var (clientB, siteB, _) = await App.CreateClientTenantAsync(mspAdmin, "Client B");
        return new Setup(msp, mspAdmin, clientA, siteA, clientB, siteB);
    }

    private static object Everyone(IEnumerable<Guid> ids, Guid target, string permission = "View", bool dryRun = false) =>
        new { credentialIds = ids, targetTenantId = target, enabled = true, audience = new { everyone = true }, permission, dryRun };

    private static object Stop(IEnumerable<Guid> ids, Guid target) => new { credentialIds = ids, targetTenantId = target, enabled = false };

    private static async Task<List<(Guid Id, string Outcome, string? Reason)>> BulkAsync(HttpClient client, object body)
    {
        var json = await client.PostAsJsonAsync("/api/v1/shares/bulk", body).ReadJsonAsync(HttpStatusCode.OK);
        return json.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("credentialId").GetGuid(), r.GetProperty("outcome").GetString()!,
                r.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null))
            .ToList();
    }

    private static async Task<List<string?>> AuditTypesAsync(HttpClient client, string query) =>
        (await client.GetAsync($"/api/v1/audit?limit=500&{query}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).ToList();

    [Fact]
    public async Task Bulk_share_update_and_stop_give_one_outcome_per_credential_and_repeating_changes_nothing()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(3);

        (await BulkAsync(s.MspAdmin, Everyone(ids, s.ClientA))).Select(r => r.Outcome).ShouldBe(["shared", "shared", "shared"]);
        (await BulkAsync(s.MspAdmin, Everyone(ids, s.ClientA))).Select(r => r.Outcome).ShouldBe(["unchanged", "unchanged", "unchanged"]);
        var listed = await s.SiteA.ListCredentialsAsync();
        listed.Select(c => c.GetProperty("id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        listed.ShouldAllBe(c => c.GetProperty("permission").GetString() == "View");
        (await s.MspAdmin.ListCredentialsAsync()).ShouldAllBe(c => c.GetProperty("sharing").GetProperty("state").GetString() == "out");

        // one more credential joins a changed request: it is shared, the others are updated
        var more = ids.Append((await s.MspAdmin.CreateCredentialsAsync(1, "Router"))[0]).ToList();
        (await BulkAsync(s.MspAdmin, Everyone(more, s.ClientA, "Edit"))).Select(r => r.Outcome).ShouldBe(["updated", "updated", "updated", "shared"]);
        (await s.SiteA.ListCredentialsAsync()).ShouldAllBe(c => c.GetProperty("permission").GetString() == "Edit");
        (await s.SiteA.ListCredentialsAsync()).Count.ShouldBe(4);

        (await BulkAsync(s.MspAdmin, Stop(more, s.ClientA))).Select(r => r.Outcome).ShouldBe(["stopped", "stopped", "stopped", "stopped"]);
        (await BulkAsync(s.MspAdmin, Stop(more, s.ClientA))).Select(r => r.Outcome).ShouldBe(["unchanged", "unchanged", "unchanged", "unchanged"]);
        (await s.SiteA.ListCredentialsAsync()).ShouldBeEmpty();
        var mspList = await s.MspAdmin.ListCredentialsAsync();
        mspList.ShouldAllBe(c => c.GetProperty("needsRotation").GetBoolean() && c.GetProperty("sharing").GetProperty("state").GetString() == "none");

        // both logs hold each credential's life
        var mspSide = await AuditTypesAsync(s.MspAdmin, $"credentialId={ids[0]}");
        mspSide.ShouldBe(["share.stopped", "share.updated", "share.created", "credential.created"]);
        var clientSide = await AuditTypesAsync(s.SiteA, $"credentialId={ids[0]}");
        clientSide.ShouldBe(["share.stopped", "share.updated", "share.received"]);
    }

    [Fact]
    public async Task Another_tenants_credential_and_a_missing_one_are_refused_with_the_same_reason_and_the_refusal_is_audited()
    {
        var s = await SetupAsync();
        var mine = await s.MspAdmin.CreateCredentialsAsync(1);
        var clientAs = await s.SiteA.CreateCredentialsAsync(1, "Client A secret");
        var otherMsp = await App.SignupMspAsync();
        var foreign = await (await App.ClientForAsync(otherMsp.AdminEmail)).CreateCredentialsAsync(1, "Other MSP");
        await s.SiteA.PostAsJsonAsync("/api/v1/shares/bulk", Everyone(clientAs, s.Msp.TenantId)).ReadJsonAsync(HttpStatusCode.OK);
        var missing = Guid.NewGuid();

        // client B's credential, another MSP's, one that never existed: identical refusals; client A's (shared in to the MSP): not the owner
        var clientBs = await s.SiteB.CreateCredentialsAsync(1, "Client B secret");
        var results = await BulkAsync(s.MspAdmin, Everyone([mine[0], clientBs[0], foreign[0], missing, clientAs[0]], s.ClientB));
        results.Select(r => r.Outcome).ShouldBe(["shared", "refused", "refused", "refused", "refused"]);
        results[1].Reason.ShouldBe(results[3].Reason);
        results[2].Reason.ShouldBe(results[3].Reason);
        results[3].Reason.ShouldBe("No such credential.");
        results[4].Reason.ShouldBe("Only the tenant that owns a credential shares it.");

        (await s.SiteB.ListCredentialsAsync()).Select(c => c.GetProperty("id").GetGuid()).ShouldBe([clientBs[0], mine[0]], ignoreOrder: true);
        (await AuditTypesAsync(s.MspAdmin, "type=share.refused")).Count.ShouldBe(4);
        (await AuditTypesAsync(s.SiteB, "type=share.refused")).ShouldBeEmpty(); // a refusal is the caller's business only
    }

    [Fact]
    public async Task A_bulk_action_sends_as_many_sql_statements_for_2000_credentials_as_for_10()
    {
        var s = await SetupAsync();
        var ids = await s.MspAdmin.CreateCredentialsAsync(2_010);
        var (ten, many) = (ids[..10], ids[10..]);
        var steps = new (string Name, Func<List<Guid>, object> Body, string Outcome)[]
        {
            ("preview share", batch => Everyone(batch, s.ClientA, dryRun: true), "shared"),
            ("share", batch => Everyone(batch, s.ClientA), "shared"),
            ("update", batch => Everyone(batch, s.ClientA, "Edit"), "updated"),
            ("repeat", batch => Everyone(batch, s.ClientA, "Edit"), "unchanged"),
            ("preview stop", batch => new { credentialIds = batch, targetTenantId = s.ClientA, enabled = false, dryRun = true }, "stopped"),
            ("stop", batch => Stop(batch, s.ClientA), "stopped"),
        };

        await BulkAsync(s.MspAdmin, Everyone(ids[..1], s.ClientA, dryRun: true)); // warm the tenant cache, so both sizes start alike
        foreach (var (name, body, outcome) in steps)
        {
            var statements = new List<int>();
            foreach (var batch in new[] { ten, many })
            {
                var results = await BulkAsync(s.MspAdmin, body(batch));
                results.Count.ShouldBe(batch.Count);
                results.ShouldAllBe(r => r.Outcome == outcome);
                statements.Add(App.LastRequestSqlCommands("/api/v1/shares/bulk"));
            }

            statements[1].ShouldBe(statements[0], $"{name}: {statements[0]} SQL statements for 10 credentials, {statements[1]} for 2,000");
        }

        (await s.SiteA.ListCredentialsAsync()).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BulkSharingTests_Sqlite(SqliteApp app) : BulkSharingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BulkSharingTests_Postgres(PostgresApp app) : BulkSharingTests(app);
