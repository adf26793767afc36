using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class SignInTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Signed_up_msp_admin_signs_in_and_me_returns_tenant_and_role()
    {
        var msp = await App.SignupMspAsync("Acme IT");
        var login = await App.LoginAsync(msp.AdminEmail);
        login.TenantId.ShouldBe(msp.TenantId);
        login.TenantKind.ShouldBe("Msp");
        login.Role.ShouldBe("Admin");
        login.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        var me = await App.ClientWithToken(login.AccessToken).GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK);
        me.GetProperty("userId").GetGuid().ShouldBe(msp.AdminId);
        me.GetProperty("tenantId").GetGuid().ShouldBe(msp.TenantId);
        me.GetProperty("tenantName").GetString().ShouldBe("Acme IT");
        me.GetProperty("tenantKind").GetString().ShouldBe("Msp");
        me.GetProperty("role").GetString().ShouldBe("Admin");
        me.GetProperty("groups").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_401()
    {
        var msp = await App.SignupMspAsync();
        var wrong = await (await App.LoginRawAsync(msp.AdminEmail, "not the password at all")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await App.LoginRawAsync(Api.UniqueEmail("nobody"), "not the password at all")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        wrong.GetProperty("title").GetString().ShouldBe(unknown.GetProperty("title").GetString());
        wrong.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Sign_in_success_and_failure_are_audited_in_the_users_tenant()
    {
        var msp = await App.SignupMspAsync();
        await App.LoginRawAsync(msp.AdminEmail, "wrong password here");
        var admin = await App.ClientForAsync(msp.AdminEmail);

        var failed = await admin.GetAsync("/api/v1/audit?type=auth.login.failed").ReadJsonAsync(HttpStatusCode.OK);
        var item = failed.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("outcome").GetString().ShouldBe("Failed");
        item.GetProperty("details").GetProperty("reason").GetString().ShouldBe("wrong password");
        var succeeded = await admin.GetAsync("/api/v1/audit?type=auth.login.succeeded").ReadJsonAsync(HttpStatusCode.OK);
        succeeded.GetProperty("items").GetArrayLength().ShouldBe(2); // the signup helper's sign-in, and this one
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var msp = await App.SignupMspAsync();
        for (var i = 0; i < 5; i++)
        {
            (await App.LoginRawAsync(msp.AdminEmail, "wrong password here")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await App.LoginRawAsync(msp.AdminEmail, Api.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Lockout_ends_after_its_duration()
    {
        var msp = await App.SignupMspAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = App.CreateFactory(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(clock));
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = "wrong password here" });
        }

        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromMinutes(14));
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromMinutes(2));
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disabled_user_is_signed_out_on_the_very_next_request()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var techEmail = Api.UniqueEmail("tech");
        var techId = await admin.CreateUserAsync(techEmail, "Technician");
        var tech = await App.ClientForAsync(techEmail);
        (await tech.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{techId}", new { disabled = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await tech.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await App.LoginRawAsync(techEmail, Api.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changed_role_ends_the_users_existing_tokens()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var email = Api.UniqueEmail("second-admin");
        var id = await admin.CreateUserAsync(email, "Admin");
        var demoted = await App.ClientForAsync(email);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Member" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await demoted.GetAsync("/api/v1/users").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var again = await App.ClientForAsync(email);
        await again.GetAsync("/api/v1/users").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Changed_password_ends_the_other_sessions_and_only_the_new_password_works()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var elsewhere = await App.ClientForAsync(msp.AdminEmail);
        const string newPassword = "a brand new long passphrase";

        (await admin.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = Api.Password, newPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await elsewhere.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await admin.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // the session that changed it goes on
        (await App.LoginRawAsync(msp.AdminEmail, Api.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await App.LoginRawAsync(msp.AdminEmail, newPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Tampered_token_is_rejected()
    {
        var msp = await App.SignupMspAsync();
        var login = await App.LoginAsync(msp.AdminEmail);
        var tampered = login.AccessToken[..^4] + (login.AccessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await App.ClientWithToken(tampered).GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tenant_is_taken_from_the_token_never_from_a_header_or_query()
    {
        var one = await App.SignupMspAsync();
        var other = await App.SignupMspAsync();
        var client = await App.ClientForAsync(one.AdminEmail);
        client.DefaultRequestHeaders.Add("X-Tenant-Id", other.TenantId.ToString());
        client.DefaultRequestHeaders.Add("X-Tenant", other.TenantId.ToString());

        var me = await client.GetAsync($"/api/v1/me?tenantId={other.TenantId}&tenant={other.TenantId}").ReadJsonAsync(HttpStatusCode.OK);
        me.GetProperty("tenantId").GetGuid().ShouldBe(one.TenantId);
        var users = await client.GetAsync($"/api/v1/users?tenantId={other.TenantId}").ReadJsonAsync(HttpStatusCode.OK);
        users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ShouldBe([one.AdminId]);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_ip_address()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Auth:LoginsPerIpPerMinute"] = "3" });
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Api.UniqueEmail(), password = "whatever it is" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Api.UniqueEmail(), password = "whatever it is" })
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Showing_the_sign_in_page_uses_up_no_sign_in_attempts_but_its_form_posts_do()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Auth:LoginsPerIpPerMinute"] = "2" });
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        string html = "";
        for (var i = 0; i < 5; i++)
        {
            var page = await browser.GetAsync("/login");
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            html = await page.Content.ReadAsStringAsync();
        }

        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        HttpResponseMessage Post() => browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["email"] = Api.UniqueEmail(), ["password"] = "whatever it is",
        })).GetAwaiter().GetResult();
        Post().StatusCode.ShouldBe(HttpStatusCode.OK); // the page again, with "incorrect"
        Post().StatusCode.ShouldBe(HttpStatusCode.OK);
        Post().StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_forged_forwarded_for_header_is_ignored_without_a_trusted_proxy()
    {
        var msp = await App.SignupMspAsync();
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await App.ClientForAsync(msp.AdminEmail);
        var events = await admin.GetAsync("/api/v1/audit?type=auth.login.succeeded").ReadJsonAsync(HttpStatusCode.OK);
        events.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("ip").ToString() != "203.0.113.77");
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_account()
    {
        // Signed up through the limited app itself: on a server database every app counts into one window per account.
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Auth:LoginsPerAccountPerMinute"] = "2" });
        var client = factory.CreateClient();
        var email = Api.UniqueEmail("msp-admin");
        (await client.PostAsJsonAsync("/api/v1/signup", new { mspName = "Limited IT", email, password = Api.Password, displayName = "MSP Admin" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        for (var i = 0; i < 2; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Api.Password })
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Api.UniqueEmail(), password = Api.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signup_can_be_switched_off_by_configuration()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Auth:SignupEnabled"] = "false" });
        await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
                new { mspName = "Nope IT", email = Api.UniqueEmail(), password = Api.Password, displayName = "Nope" })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

}

[Collection(SqliteCollection.Name)]
public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app);
