using System.Net;
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
        { "POST", "/api/v1/users", "{\"email\": \"u@b.example\", \"displayName\": \"U\", \"role\": \"Member\"}" },
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
}

[Collection(SqliteCollection.Name)]
public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app);
