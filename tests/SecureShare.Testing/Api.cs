using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace SecureShare.Testing;

public sealed record Login(string AccessToken, DateTimeOffset ExpiresAt, Guid UserId, Guid TenantId, string TenantKind, string Role, bool MustChangePassword);

public sealed record Msp(Guid TenantId, Guid AdminId, string AdminEmail, string AdminPassword);

/// <summary>HTTP helpers for API tests: sign up, sign in, send JSON, read answers and problems.</summary>
public static class Api
{
    public const string Password = "correct horse battery staple";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string UniqueEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}@test.example";

    /// <summary>A password an admin gives a new user: one-time, so the helpers below replace it with <see cref="Password"/> at first sign-in.</summary>
    public const string OneTimePassword = "one-time password from an admin";

    public static async Task<Msp> SignupMspAsync(this TestApp app, string? name = null)
    {
        var email = UniqueEmail("msp-admin");
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { mspName = name ?? $"MSP {Guid.NewGuid():N}"[..20], email, password = Password, displayName = "MSP Admin" });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var login = await app.LoginAsync(email);
        return new Msp(login.TenantId, login.UserId, email, Password);
    }

    /// <summary>The first sign-in of a user an admin made: replaces the one-time password with <see cref="Password"/>.</summary>
    public static async Task FirstSignInAsync(this TestApp app, string email)
    {
        var login = await app.LoginAsync(email, OneTimePassword);
        login.MustChangePassword.ShouldBeTrue();
        var response = await app.ClientWithToken(login.AccessToken).PutAsJsonAsync("/api/v1/me/password", new { currentPassword = OneTimePassword, newPassword = Password });
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> LoginRawAsync(this TestApp app, string email, string password) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    public static async Task<Login> LoginAsync(this TestApp app, string email, string password = Password)
    {
        var response = await app.LoginRawAsync(email, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Login>(Json))!;
    }

    /// <summary>A client that sends the bearer token of <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientForAsync(this TestApp app, string email, string password = Password)
    {
        var login = await app.LoginAsync(email, password);
        return app.ClientWithToken(login.AccessToken);
    }

    public static HttpClient ClientWithToken(this TestApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<(Guid Id, HttpClient Admin, string AdminEmail)> CreateClientTenantAsync(this TestApp app, HttpClient mspAdmin, string? name = null)
    {
        var adminEmail = UniqueEmail("site-admin");
        var response = await mspAdmin.PostAsJsonAsync("/api/v1/clients",
            new { name = name ?? $"Client {Guid.NewGuid():N}"[..20], adminEmail, adminPassword = OneTimePassword, adminDisplayName = "Site Admin" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await app.FirstSignInAsync(adminEmail);
        return (id, await app.ClientForAsync(adminEmail), adminEmail);
    }

    /// <summary>
    /// An Admin adds a user with a one-time password; the user's first sign-in (through the same test server)
    /// replaces it with <see cref="Password"/>, so tests sign in as that user as usual.
    /// </summary>
    public static async Task<Guid> CreateUserAsync(this HttpClient admin, string email, string role, string oneTimePassword = OneTimePassword)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = email[..8], role, password = oneTimePassword });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var login = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password = oneTimePassword }) })
            .ReadJsonAsync(HttpStatusCode.OK);
        var change = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/password") { Content = JsonContent.Create(new { currentPassword = oneTimePassword, newPassword = Password }) };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        (await admin.SendAsync(change)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return id;
    }

    /// <summary>The SQL command count of the last request to <paramref name="path"/>, from the request log.</summary>
    public static int LastRequestSqlCommands(this TestApp app, string path)
    {
        var line = app.Logs.Lines.Last(l => l.Text.Contains($"\"{path}\" responded", StringComparison.Ordinal)).Text;
        return int.Parse(line.Split(" with ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates password credentials named "{prefix} 0000"… through the API, a few at a time; returns their ids in order.</summary>
    public static async Task<List<Guid>> CreateCredentialsAsync(this HttpClient client, int count, string prefix = "Device", Guid? folderId = null)
    {
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = $"{prefix} {i:D4}", secret = $"secret-{i}", folderId }, ct);
            ids[i] = (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        });
        return [.. ids];
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string rawJson) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(rawJson, Encoding.UTF8, "application/json") });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status; returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        return problem;
    }

    public static async Task<JsonElement> ReadJsonAsync(this Task<HttpResponseMessage> response, HttpStatusCode expected) =>
        await (await response).ReadJsonAsync(expected);

    public static async Task<JsonElement> ShouldBeProblemAsync(this Task<HttpResponseMessage> response, HttpStatusCode status) =>
        await (await response).ShouldBeProblemAsync(status);

    /// <summary>The caller's credential list (one page of up to 500), with extra query parameters.</summary>
    public static async Task<List<JsonElement>> ListCredentialsAsync(this HttpClient client, string query = "") =>
        (await client.GetAsync($"/api/v1/credentials?limit=500{query}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
}
