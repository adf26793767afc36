using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// API keys for automation: shown once and stored as a hash, a role no higher than the creator's (and, for a personal
/// key, than its owner's of the moment), read-only honoured, address-bound, revoked at once, never into identity.
/// </summary>
public abstract class ApiKeyTests(TestApp app) : DatabaseTest(app)
{
    private HttpClient WithKey(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<(Guid Id, string Key)> CreateAsync(HttpClient creator, object body)
    {
        var created = await creator.PostAsJsonAsync("/api/v1/api-keys", body).ReadJsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task A_key_acts_as_its_owner_within_its_role_and_is_stored_only_as_a_hash()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var (_, key) = await CreateAsync(admin, new { name = "RMM sync", role = "Technician", readOnly = false });
        key.ShouldStartWith("ss_");

        var byKey = WithKey(key);
        var created = await byKey.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Made by RMM", secret = "rmm-secret" }).ReadJsonAsync(HttpStatusCode.Created);
        (await byKey.GetAsync($"/api/v1/credentials/{created.GetProperty("id").GetGuid()}/secret")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await byKey.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a Technician key is no Admin, whoever made it");

        var revealed = await admin.GetAsync("/api/v1/audit?type=credential.revealed").ReadJsonAsync(HttpStatusCode.OK);
        revealed.GetProperty("items")[0].GetProperty("actor").GetProperty("name").GetString().ShouldBe("RMM sync (API key of MSP Admin)");
        var listed = await admin.GetAsync("/api/v1/api-keys").ReadJsonAsync(HttpStatusCode.OK);
        var row = listed.EnumerateArray().Single();
        row.GetProperty("hint").GetString().ShouldBe(key[..9]);
        row.GetProperty("lastUsedAt").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        row.TryGetProperty("key", out _).ShouldBeFalse();
        (await RawDatabase.DumpAsync(App.Database)).ShouldNotContain(key);
    }

    [Fact]
    public async Task A_read_only_key_reads_and_writes_nothing()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var (_, key) = await CreateAsync(admin, new { name = "Reporting", readOnly = true });
        var byKey = WithKey(key);

        (await byKey.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await byKey.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "No", secret = "s" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("read-only");
    }

    [Fact]
    public async Task A_key_role_is_at_most_its_creators_and_its_owners_of_the_moment()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var email = Api.UniqueEmail("tech");
        var techId = await admin.CreateUserAsync(email, "Technician");
        var tech = await App.ClientForAsync(email);

        var tooHigh = await tech.PostAsJsonAsync("/api/v1/api-keys", new { name = "Power", role = "Admin", readOnly = false }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        tooHigh.GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue();
        (await tech.PostAsJsonAsync("/api/v1/api-keys", new { name = "Tenant", tenantWide = true, readOnly = false })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (_, key) = await CreateAsync(tech, new { name = "Mine", readOnly = false });
        var byKey = WithKey(key);
        (await byKey.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Tech made", secret = "s" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await admin.PatchAsJsonAsync($"/api/v1/users/{techId}", new { role = "Member" }).ReadJsonAsync(HttpStatusCode.OK);
        (await byKey.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Member now", secret = "s" })).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden, "the owner is a Member now: so is the key");
        await admin.PatchAsJsonAsync($"/api/v1/users/{techId}", new { disabled = true }).ReadJsonAsync(HttpStatusCode.OK);
        (await byKey.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a disabled owner's keys stop");
    }

    [Fact]
    public async Task A_revoked_or_expired_key_and_a_key_from_another_address_are_refused_on_the_next_request()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var (id, key) = await CreateAsync(admin, new { name = "Short-lived", readOnly = true });
        var byKey = WithKey(key);
        (await byKey.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await byKey.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (_, elsewhere) = await CreateAsync(admin, new { name = "Office only", readOnly = true, allowedIps = new[] { "203.0.113.0/24" } });
        (await WithKey(elsewhere).GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the test server's caller is not in 203.0.113.0/24");
        await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "Past", readOnly = true, expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await WithKey("ss_" + new string('A', 43)).GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_never_manages_identity()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var (_, key) = await CreateAsync(admin, new { name = "Admin key", tenantWide = true, readOnly = false });
        var byKey = WithKey(key);

        (await byKey.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.OK, "a tenant key with the Admin role reads the audit log");
        foreach (var (method, path) in new[] { ("GET", "/api/v1/me"), ("POST", "/api/v1/api-keys"), ("GET", "/api/v1/users"), ("POST", "/api/v1/invitations"), ("PUT", "/api/v1/tenant/policy"), ("POST", "/api/v1/me/mfa/totp") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            (await byKey.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path}");
        }

        (await byKey.PostAsJsonAsync("/api/v1/clients", new { name = "Made by a key", adminEmail = Api.UniqueEmail("k"), adminDisplayName = "K", adminPassword = "a long enough password" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a new client brings a new person");
        (await byKey.PutAsJsonAsync("/api/v1/audit/policy", new { retentionDays = 90 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "nor policies");
        (await byKey.GetAsync("/api/v1/clients")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var ids = (await admin.GetAsync("/api/v1/api-keys").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(k => k.GetProperty("id").GetGuid()).ToList();
        (await other.DeleteAsync($"/api/v1/api-keys/{ids[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_key_stops_with_its_creator_and_a_personal_key_with_a_second_factor_its_owner_lacks()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var email = Api.UniqueEmail("second-admin");
        var secondId = await admin.CreateUserAsync(email, "Admin");
        var second = await App.ClientForAsync(email);
        var (_, tenantKey) = await CreateAsync(second, new { name = "Made by a leaver", tenantWide = true, readOnly = true });
        var (_, personal) = await CreateAsync(admin, new { name = "Mine", readOnly = true });
        (await WithKey(tenantKey).GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await admin.PatchAsJsonAsync($"/api/v1/users/{secondId}", new { role = "Member" }).ReadJsonAsync(HttpStatusCode.OK);
        (await WithKey(tenantKey).GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "never above its creator's role of the moment");
        await admin.PatchAsJsonAsync($"/api/v1/users/{secondId}", new { disabled = true }).ReadJsonAsync(HttpStatusCode.OK);
        (await WithKey(tenantKey).GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "its creator left");

        await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { mfaRequired = true }).ReadJsonAsync(HttpStatusCode.OK);
        (await WithKey(personal).GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "its owner has no second factor the tenant now requires");
        await Authenticator.EnrolAsync(admin, DateTimeOffset.UtcNow);
        (await WithKey(personal).GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiKeyTests_Sqlite(SqliteApp app) : ApiKeyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ApiKeyTests_Postgres(PostgresApp app) : ApiKeyTests(app);
