using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Sessions live on the server: sign-out ends one, sign-out everywhere ends all, idle and absolute lifetimes apply.</summary>
public abstract class SessionTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_sessions_once_a_minute_touch_is_upkeep_and_not_part_of_a_requests_sql_count()
    {
        var msp = await App.SignupMspAsync();
        var token = (await App.LoginAsync(msp.AdminEmail)).AccessToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = App.CreateFactory(new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(clock));
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        string LastLine() => App.Logs.Lines.Last(l => l.Text.Contains("\"/api/v1/me\" responded", StringComparison.Ordinal)).Text;

        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var fresh = App.LastRequestSqlCommands("/api/v1/me");
        LastLine().ShouldContain("(+0 upkeep)");

        clock.Advance(TimeSpan.FromMinutes(2)); // the session was last seen more than a minute ago: this request touches it
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        App.LastRequestSqlCommands("/api/v1/me").ShouldBe(fresh);
        LastLine().ShouldContain("(+1 upkeep)");
    }

    [Fact]
    public async Task A_bearer_token_is_refused_once_its_session_signs_out()
    {
        var msp = await App.SignupMspAsync();
        var signedOut = await App.ClientForAsync(msp.AdminEmail);
        var other = await App.ClientForAsync(msp.AdminEmail);

        (await signedOut.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await signedOut.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await other.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // only that session ended
        (await other.GetAsync("/api/v1/audit?type=session.ended").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_user_and_no_one_elses()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var techEmail = Api.UniqueEmail("tech");
        await admin.CreateUserAsync(techEmail, "Technician");
        var phone = await App.ClientForAsync(techEmail);
        var laptop = await App.ClientForAsync(techEmail);

        (await laptop.DeleteAsync("/api/v1/me/sessions")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await phone.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await laptop.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await admin.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_lists_their_live_sessions_and_ends_one_but_never_another_users()
    {
        var msp = await App.SignupMspAsync();
        var first = await App.ClientForAsync(msp.AdminEmail);
        var second = await App.ClientForAsync(msp.AdminEmail);
        var stranger = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);

        var sessions = (await second.GetAsync("/api/v1/me/sessions").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        sessions.Count.ShouldBe(3); // the signup helper's, first, second
        var current = sessions.Single(s => s.GetProperty("current").GetBoolean());
        current.GetProperty("kind").GetString().ShouldBe("Api");
        var firstId = (await first.GetAsync("/api/v1/me/sessions").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

        await stranger.DeleteAsync($"/api/v1/me/sessions/{firstId}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await first.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.DeleteAsync($"/api/v1/me/sessions/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await first.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await second.GetAsync("/api/v1/me/sessions").ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task An_admin_ends_every_session_of_a_user_of_their_tenant_only()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var email = Api.UniqueEmail("laptop-lost");
        var userId = await admin.CreateUserAsync(email, "Technician");
        var laptop = await App.ClientForAsync(email);
        var phone = await App.ClientForAsync(email);
        var stranger = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);

        await stranger.DeleteAsync($"/api/v1/users/{userId}/sessions").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await laptop.DeleteAsync($"/api/v1/users/{userId}/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var ended = await admin.DeleteAsync($"/api/v1/users/{userId}/sessions").ReadJsonAsync(HttpStatusCode.OK);
        ended.GetProperty("ended").GetInt32().ShouldBe(3); // the first sign-in's, laptop, phone
        await laptop.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await phone.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await admin.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_ends_when_idle_past_its_timeout_and_at_its_absolute_end_however_active_on_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = App.CreateFactory(
            new Dictionary<string, string?> { ["Auth:SessionIdleTimeout"] = "00:30:00", ["Auth:SessionMaxLifetime"] = "02:00:00" },
            services => services.AddSingleton<TimeProvider>(clock));
        var msp = await App.SignupMspAsync();
        async Task<HttpClient> SignInAsync()
        {
            var login = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password }).ReadJsonAsync(HttpStatusCode.OK);
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
            return client;
        }

        var idle = await SignInAsync();
        var busy = await SignInAsync();
        for (var minutes = 25; minutes <= 100; minutes += 25)
        {
            clock.Advance(TimeSpan.FromMinutes(25));
            (await busy.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, $"used every 25 minutes, at {minutes}");
        }

        await idle.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized); // 100 minutes without a request
        clock.Advance(TimeSpan.FromMinutes(21));
        await busy.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized); // past 2 hours, however active
    }

    [Fact]
    public async Task A_password_an_admin_gives_is_one_time_and_its_first_session_may_only_replace_it()
    {
        var mspAdmin = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var siteAdminEmail = Api.UniqueEmail("site-admin");
        const string given = "the MSP knows this one";
        await mspAdmin.PostAsJsonAsync("/api/v1/clients", new { name = "Client A", adminEmail = siteAdminEmail, adminPassword = given, adminDisplayName = "Site Admin" })
            .ReadJsonAsync(HttpStatusCode.Created);

        var login = await App.LoginAsync(siteAdminEmail, given);
        login.MustChangePassword.ShouldBeTrue();
        var site = App.ClientWithToken(login.AccessToken);
        await site.GetAsync("/api/v1/credentials").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await site.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "x", secret = "y" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await site.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await site.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = given, newPassword = given }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await site.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = given, newPassword = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await site.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.LoginRawAsync(siteAdminEmail, given)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // the MSP's copy is worthless
        (await App.LoginAsync(siteAdminEmail)).MustChangePassword.ShouldBeFalse();
    }

    [Fact]
    public async Task A_wrong_current_password_at_a_password_change_is_audited_and_counts_towards_lockout()
    {
        var msp = await App.SignupMspAsync();
        var stolen = await App.ClientForAsync(msp.AdminEmail);
        for (var i = 0; i < 5; i++)
        {
            await stolen.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = $"guess number {i}", newPassword = "the thief's own password" })
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        (await stolen.GetAsync("/api/v1/audit?type=user.password.change.failed").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(5);
        (await App.LoginRawAsync(msp.AdminEmail, Api.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // locked out
    }

    [Fact]
    public async Task Signup_is_off_unless_configured_outside_the_embedded_demo()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Auth:SignupEnabled"] = null, ["Demo:Enabled"] = "false" });
        await factory.CreateClient().PostAsJsonAsync("/api/v1/signup", new { mspName = "Nope IT", email = Api.UniqueEmail(), password = Api.Password, displayName = "Nope" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Signup_never_tells_whether_an_email_is_taken()
    {
        var msp = await App.SignupMspAsync();
        var taken = await App.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { mspName = "Copycat IT", email = msp.AdminEmail.ToUpperInvariant(), password = "the squatter's password", displayName = "Copy" });
        var fresh = await App.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { mspName = "Fresh IT", email = Api.UniqueEmail(), password = Api.Password, displayName = "Fresh" });

        taken.StatusCode.ShouldBe(fresh.StatusCode);
        (await taken.Content.ReadAsStringAsync()).ShouldBe(await fresh.Content.ReadAsStringAsync());
        (await App.LoginRawAsync(msp.AdminEmail, "the squatter's password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await App.LoginAsync(msp.AdminEmail)).TenantId.ShouldBe(msp.TenantId); // the owner's account is untouched
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionTests_Sqlite(SqliteApp app) : SessionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SessionTests_Postgres(PostgresApp app) : SessionTests(app);
