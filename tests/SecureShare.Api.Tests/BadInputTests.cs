using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Bad input on every endpoint of the accounts API: a 400 problem, and nothing written.</summary>
public abstract class BadInputTests(TestApp app) : DatabaseTest(app)
{
    private const string SomeId = "0b8f4f5e-8f4e-4c1e-9a53-3f0c2b7a9d11";
    private static readonly string Long = new('x', 300);

    public static TheoryData<string, string, string?> Cases => new()
    {
        // sign-in and signup
        { "POST", "/api/v1/auth/login", "{\"email\":" },
        { "POST", "/api/v1/auth/login", "{}" },
        { "POST", "/api/v1/auth/login", "{\"email\": 5, \"password\": \"x\"}" },
        { "POST", "/api/v1/auth/login", $"{{\"email\": \"{Long}@x.example\", \"password\": \"some password\"}}" },
        { "POST", "/api/v1/auth/login", "" },
        { "POST", "/api/v1/signup", "{\"mspName\": \"Acme\"}" },
        { "POST", "/api/v1/signup", $"{{\"mspName\": \"{Long}\", \"email\": \"a@b.example\", \"password\": \"long enough password\", \"displayName\": \"A\"}}" },
        { "POST", "/api/v1/signup", "{\"mspName\": \"Acme\", \"email\": \"not-an-email\", \"password\": \"long enough password\", \"displayName\": \"A\"}" },
        { "POST", "/api/v1/signup", "{\"mspName\": \"Acme\", \"email\": \"a@b.example\", \"password\": \"short\", \"displayName\": \"A\"}" },
        { "POST", "/api/v1/signup", "[1, 2, 3]" },
        // clients
        { "POST", "/api/v1/clients", "{}" },
        { "POST", "/api/v1/clients", $"{{\"name\": \"{Long}\", \"adminEmail\": \"a@b.example\", \"adminPassword\": \"long enough password\", \"adminDisplayName\": \"A\"}}" },
        { "POST", "/api/v1/clients", "{\"name\": \" padded \", \"adminEmail\": \"a@b.example\", \"adminPassword\": \"long enough password\", \"adminDisplayName\": \"A\"}" },
        { "GET", "/api/v1/clients?limit=0", null },
        { "GET", "/api/v1/clients?cursor=%%%", null },
        // users
        { "POST", "/api/v1/users", "{\"email\": \"u@b.example\", \"displayName\": \"U\", \"role\": \"Boss\", \"password\": \"long enough password\"}" },
        { "POST", "/api/v1/users", "{\"email\": \"u@b.example\", \"displayName\": \"U\", \"role\": 0, \"password\": \"long enough password\"}" },
        { "POST", "/api/v1/users", "{\"email\": \"u@b.example\", \"displayName\": \"U\", \"role\": \"Member\", \"password\": \"short\"}" },
        { "POST", "/api/v1/users", $"{{\"email\": \"u@b.example\", \"displayName\": \"{Long}\", \"role\": \"Member\", \"password\": \"long enough password\"}}" },
        { "POST", "/api/v1/users", "not json at all" },
        { "GET", "/api/v1/users/not-a-guid", null },
        { "GET", "/api/v1/users?limit=501", null },
        { "PATCH", "/api/v1/users/not-a-guid", "{\"role\": \"Member\"}" },
        { "PATCH", $"/api/v1/users/{SomeId}", "{\"role\": \"Boss\"}" },
        { "PATCH", $"/api/v1/users/{SomeId}", "{}" },
        { "PATCH", $"/api/v1/users/{SomeId}", "{\"disabled\": \"yes\"}" },
        { "PATCH", $"/api/v1/users/{SomeId}", "{\"password\": \"short\"}" },
        // groups
        { "POST", "/api/v1/groups", "{\"name\": \"\"}" },
        { "POST", "/api/v1/groups", $"{{\"name\": \"{Long}\"}}" },
        { "POST", "/api/v1/groups", "{\"name\": \"Ops\", \"memberIds\": [\"not-a-guid\"]}" },
        { "POST", "/api/v1/groups", "{\"name\": \"Ops\", \"memberIds\": [\"00000000-0000-0000-0000-000000000000\"]}" },
        { "GET", "/api/v1/groups/123", null },
        { "PUT", "/api/v1/groups/123/members", "{\"memberIds\": []}" },
        { "PUT", $"/api/v1/groups/{SomeId}/members", "{}" },
        { "PUT", $"/api/v1/groups/{SomeId}/members", "{\"memberIds\": \"everyone\"}" },
        // me
        { "PUT", "/api/v1/me/password", "{\"currentPassword\": \"x\", \"newPassword\": \"short\"}" },
        { "PUT", "/api/v1/me/password", "{\"newPassword\": \"long enough password\"}" },
        // audit
        { "GET", "/api/v1/audit?from=yesterday", null },
        { "GET", "/api/v1/audit?actorId=nobody", null },
        { "GET", "/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null },
        { "GET", "/api/v1/audit?cursor=bm90LWEtbnVtYmVy", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_answers_400_problem_and_changes_nothing(string method, string url, string? body)
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var before = await SnapshotRowCountsAsync();

        var response = body is null
            ? await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))
            : await admin.SendJsonAsync(new HttpMethod(method), url, body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    private static string Cursor(string key) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(key));

    /// <summary>Inputs a security review drove to a 500; {folder} and {credential} stand for real objects of the caller.</summary>
    public static TheoryData<string, string, string?> FormerFailures => new()
    {
        { "PATCH", "/api/v1/folders/{folder}", "{\"groupIds\":[null]}" },
        { "PATCH", "/api/v1/folders/{folder}", "{\"groupIds\":\"all\"}" },
        { "PATCH", "/api/v1/folders/{folder}", "{\"name\":\"A\",\"name\":\"B\"}" },
        { "PATCH", "/api/v1/folders/{folder}", "[]" },
        { "POST", "/api/v1/credentials", "{\"kind\":\"Password\",\"name\":\"a\",\"name\":\"b\",\"secret\":\"s\"}" },
        { "POST", "/api/v1/credentials", "{\"kind\":\"Password\",\"name\":\"nul\\u0000inside\",\"secret\":\"s\"}" },
        { "POST", "/api/v1/credentials/import", "{\"credentials\":[null]}" },
        { "GET", "/api/v1/credentials?q=a%00b", null },
        { "GET", $"/api/v1/credentials?cursor={Cursor("\0")}", null },
        { "GET", $"/api/v1/links?cursor={Cursor($"-5/{SomeId}")}", null },
        { "GET", $"/api/v1/links?cursor={Cursor($"99999999999999999999/{SomeId}")}", null },
        { "GET", $"/api/v1/links?cursor={Cursor($"{long.MaxValue}/{SomeId}")}", null },
        { "PUT", $"/api/v1/credentials/{{credential}}/shares/{SomeId}", "{\"enabled\":true,\"audience\":{\"everyone\":true},\"permission\":\"View\",\"expiresAt\":\"0001-01-01T00:00:00+05:00\"}" },
        { "PUT", "/api/v1/tenant/sso", "{\"authority\":\"https://id.example\",\"clientId\":\"c\",\"clientSecret\":\"s\",\"defaultRole\":\"Member\",\"allowedEmailDomains\":[null,\"test.example\"]}" },
    };

    [Theory]
    [MemberData(nameof(FormerFailures))]
    public async Task Input_that_once_reached_a_500_answers_400_and_changes_nothing(string method, string url, string? body)
    {
        var admin = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var folder = (await admin.PostAsJsonAsync("/api/v1/folders", new { name = "Servers" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var credential = (await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Router", secret = "s" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        url = url.Replace("{folder}", folder).Replace("{credential}", credential);
        var before = await SnapshotRowCountsAsync();

        var response = body is null
            ? await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))
            : await admin.SendJsonAsync(new HttpMethod(method), url, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task One_bulk_request_may_not_write_more_audience_rows_than_its_cap()
    {
        var admin = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var before = await SnapshotRowCountsAsync();
        var body = new
        {
            credentialIds = Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid()),
            targetTenantId = Guid.NewGuid(),
            enabled = true,
            audience = new { everyone = false, userIds = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()) },
            permission = "View",
        };

        var problem = await admin.PostAsJsonAsync("/api/v1/shares/bulk", body).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("audience")[0].GetString()!.ShouldContain("100,000 audience rows");
        (await SnapshotRowCountsAsync()).ShouldBe(before);
        (await admin.GetAsync("/api/v1/audit?type=request.refused").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Long_and_non_ascii_names_fit_a_links_fields_and_its_audit_details_and_instants_with_an_offset_are_read_as_utc()
    {
        var mspAdmin = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var names = Enumerable.Range(0, 50).Select(i => $"{i:D2}{new string('é', 98)}").ToList();
        var id = (await mspAdmin.PostAsJsonAsync("/api/v1/credentials", new
        {
            kind = "Password", name = "Many fields", secret = "s",
            customFields = names.Select(n => new { name = n, value = "v", secret = false }),
        }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var link = await mspAdmin.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = new string('ü', 200), fields = names }).ReadJsonAsync(HttpStatusCode.Created);
        link.GetProperty("link").GetProperty("fields").GetArrayLength().ShouldBe(50);
        (await mspAdmin.GetAsync("/api/v1/audit?type=link.created").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);

        var (clientA, _, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var localExpiry = new DateTimeOffset(DateTime.UtcNow.AddDays(2).Ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(5));
        var shared = await mspAdmin.SendJsonAsync(HttpMethod.Put, $"/api/v1/credentials/{id}/shares/{clientA}",
            $"{{\"enabled\":true,\"audience\":{{\"everyone\":true}},\"permission\":\"View\",\"expiresAt\":\"{localExpiry:yyyy-MM-ddTHH:mm:ss.fffzzz}\"}}").ReadJsonAsync(HttpStatusCode.OK);
        shared.GetProperty("share").GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(localExpiry, TimeSpan.FromMilliseconds(1));
        (await mspAdmin.GetAsync("/api/v1/audit?from=2024-01-01T00:00:00%2B05:00&to=2099-01-01T00:00:00-03:00").ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app);
