using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Logs carry no password, token or request body, and expected failures are not logged as errors.</summary>
public abstract class LoggingTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Passwords_tokens_and_bodies_never_reach_the_logs()
    {
        const string wrongPassword = "Wr0ng-Pa55word-that-must-not-be-logged";
        const string newUserPassword = "N3w-User-Pa55word-that-must-not-be-logged";
        var msp = await App.SignupMspAsync();
        var login = await App.LoginAsync(msp.AdminEmail);
        var admin = App.ClientWithToken(login.AccessToken);

        await App.LoginRawAsync(msp.AdminEmail, wrongPassword);
        await App.LoginRawAsync(Api.UniqueEmail("ghost"), wrongPassword);
        await admin.CreateUserAsync(Api.UniqueEmail(), "Member", newUserPassword);
        await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/users", $"{{\"email\": \"x@y.example\", \"password\": \"{newUserPassword}\", \"role\": \"Boss\"}}");
        await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/users", $"{{\"password\": \"{newUserPassword}\", \"email\": ");
        await admin.GetAsync($"/api/v1/users?cursor={login.AccessToken[..20]}");
        await admin.GetAsync($"/api/v1/me?probe={wrongPassword}");
        await App.ClientWithToken(login.AccessToken + "x").GetAsync("/api/v1/me");

        var logs = App.Logs.AllText;
        logs.ShouldContain("/api/v1/auth/login"); // request logging is on
        logs.ShouldNotContain(Api.Password);
        logs.ShouldNotContain(wrongPassword);
        logs.ShouldNotContain(newUserPassword);
        logs.ShouldNotContain(login.AccessToken[20..60]);
    }

    [Fact]
    public async Task Expected_failures_are_not_logged_as_errors()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var errorsBefore = App.Logs.Lines.Count(l => l.Level >= LogLevel.Error);

        (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/users", "{\"email\": ")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/v1/users/not-a-guid")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{msp.AdminId}", new { role = "Member" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await App.LoginRawAsync(msp.AdminEmail, "not the password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        App.Logs.Lines.Count(l => l.Level >= LogLevel.Error).ShouldBe(errorsBefore, App.Logs.AllText);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoggingTests_Sqlite(SqliteApp app) : LoggingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LoggingTests_Postgres(PostgresApp app) : LoggingTests(app);
