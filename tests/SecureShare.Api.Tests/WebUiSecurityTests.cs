using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>The web UI's session and forms: a cookie the API never honours, antiforgery on every post, strict headers.</summary>
public abstract partial class WebUiSecurityTests(TestApp app) : DatabaseTest(app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private HttpClient Browser() => App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> TokenAsync(HttpClient browser, string path)
    {
        var html = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        return TokenField().Match(html).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, params (string Name, string Value)[] fields) =>
        browser.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    [Fact]
    public async Task Signing_in_sets_an_httponly_samesite_strict_session_cookie_that_the_api_does_not_accept()
    {
        var msp = await App.SignupMspAsync();
        var browser = Browser();
        var token = await TokenAsync(browser, "/login");
        token.ShouldNotBeNullOrEmpty();

        var signedIn = await PostFormAsync(browser, "/login", ("_handler", "login"), ("__RequestVerificationToken", token), ("email", msp.AdminEmail), ("password", msp.AdminPassword));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldEndWith("/");
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("secureshare.session=", StringComparison.Ordinal)).ToLowerInvariant();
        session.ShouldContain("httponly");
        session.ShouldContain("samesite=strict");

        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the API takes bearer tokens only: no cookie can act on it");
    }

    [Fact]
    public async Task The_ui_copy_and_code_endpoints_need_the_session_and_its_antiforgery_token_answer_no_store_and_are_audited_as_reveals()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var created = await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Core switch", secret = "sw1tch-s3cret", totpSeed = "JBSWY3DPEHPK3PXP" }).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var other = await App.SignupMspAsync();
        var foreign = (await (await App.ClientForAsync(other.AdminEmail)).PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Theirs", secret = "their-s3cret" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        (await Browser().PostAsync($"/ui/credentials/{id}/copy", null)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "no session: to the sign-in page");
        var browser = Browser();
        var login = await TokenAsync(browser, "/login");
        (await PostFormAsync(browser, "/login", ("_handler", "login"), ("__RequestVerificationToken", login), ("email", msp.AdminEmail), ("password", msp.AdminPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await TokenAsync(browser, "/credentials");

        var forged = await browser.PostAsync($"/ui/credentials/{id}/copy", null);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).ShouldNotContain("sw1tch-s3cret");

        async Task<HttpResponseMessage> PostAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Add("RequestVerificationToken", token);
            return await browser.SendAsync(request);
        }

        var copied = await PostAsync($"/ui/credentials/{id}/copy");
        copied.StatusCode.ShouldBe(HttpStatusCode.OK);
        copied.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await copied.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString().ShouldBe("sw1tch-s3cret");
        var code = await PostAsync($"/ui/credentials/{id}/totp");
        code.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await code.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!.Length.ShouldBe(6);
        (await PostAsync($"/ui/credentials/{foreign}/copy")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another tenant's credential is not there");
        (await PostAsync($"/ui/credentials/{Guid.NewGuid()}/copy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var events = await admin.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK);
        events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString())
            .ShouldBe(["credential.totp-code.read", "credential.revealed", "credential.created"], "newest first: the copy is a reveal like any other");
    }

    [Fact]
    public async Task The_home_and_client_pages_count_shares_both_ways_what_needs_rotation_and_what_ends_soon()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var (admin, clientA) = (family.Admin, family.Client("Client A"));
        async Task<Guid> SharedAsync(HttpClient owner, string name, Guid target, DateTimeOffset? expiresAt)
        {
            var id = await owner.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, secret = name + "-s3cret" }).CreatedIdAsync();
            await owner.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{target}", new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt })
                .ReadJsonAsync(HttpStatusCode.OK);
            return id;
        }

        await SharedAsync(admin.Api, "Out ending soon", clientA.Id, DateTimeOffset.UtcNow.AddDays(2));
        var flagged = await SharedAsync(admin.Api, "Out flagged", clientA.Id, null);
        await SharedAsync(clientA.Admin.Api, "In from A", family.MspId, null);
        // A stop flags the secret for rotation; sharing it again does not clear the flag (a new secret does).
        await admin.Api.PutAsJsonAsync($"/api/v1/credentials/{flagged}/shares/{clientA.Id}", new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        await admin.Api.PutAsJsonAsync($"/api/v1/credentials/{flagged}/shares/{clientA.Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);

        var browser = Browser();
        var login = await TokenAsync(browser, "/login");
        await PostFormAsync(browser, "/login", ("_handler", "login"), ("__RequestVerificationToken", login), ("email", admin.Email), ("password", Api.Password));
        async Task<string> PageAsync(string path)
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            return await response.Content.ReadAsStringAsync();
        }

        foreach (var path in new[] { "/", "/clients" })
        {
            var row = Regex.Match(await PageAsync(path), "Client A</a></td>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
            Regex.Matches(row, ">([0-9]+)<").Select(m => m.Groups[1].Value).ShouldBe(["2", "1", "1", "1"], $"{path}: out, in, needs rotation, ending soon");
        }

        var client = await PageAsync($"/clients/{clientA.Id}");
        client.ShouldContain("Out flagged");
        client.ShouldContain("In from A");
        (await PageAsync("/")).ShouldContain("Out ending soon");
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var msp = await App.SignupMspAsync();
        var browser = Browser();
        await TokenAsync(browser, "/login");
        var forged = await PostFormAsync(browser, "/login", ("_handler", "login"), ("email", msp.AdminEmail), ("password", msp.AdminPassword));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forged.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Pages_need_a_session_and_carry_a_strict_content_security_policy()
    {
        var browser = Browser();
        var anonymous = await browser.GetAsync("/credentials");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/login");

        var login = await browser.GetAsync("/login");
        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        login.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        login.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task The_benchmark_bare_endpoints_do_not_exist_unless_a_benchmark_turns_them_on()
    {
        var msp = await App.SignupMspAsync();
        var response = await Browser().GetAsync($"/bench/bare/credentials?tenantId={msp.TenantId}&tag=x&limit=1");
        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("items");
    }

    [Fact]
    public async Task A_session_ends_on_the_next_page_when_the_password_changes()
    {
        var msp = await App.SignupMspAsync();
        var browser = Browser();
        var token = await TokenAsync(browser, "/login");
        await PostFormAsync(browser, "/login", ("_handler", "login"), ("__RequestVerificationToken", token), ("email", msp.AdminEmail), ("password", msp.AdminPassword));
        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var api = await App.ClientForAsync(msp.AdminEmail);
        (await api.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = msp.AdminPassword, newPassword = "a brand new long password" })).IsSuccessStatusCode.ShouldBeTrue();
        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_ui_cookie_captured_before_sign_out_is_refused_after_it()
    {
        var msp = await App.SignupMspAsync();
        var raw = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = new Dictionary<string, string>();
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = content };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await raw.SendAsync(request);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';')[0];
                jar[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            }

            return response;
        }

        async Task<string> FormTokenAsync(string path) => TokenField().Match(await (await SendAsync(HttpMethod.Get, path)).Content.ReadAsStringAsync()).Groups[1].Value;
        static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

        var token = await FormTokenAsync("/login");
        (await SendAsync(HttpMethod.Post, "/login", Form(("_handler", "login"), ("__RequestVerificationToken", token), ("email", msp.AdminEmail), ("password", msp.AdminPassword))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stolen = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        stolen.DefaultRequestHeaders.Add("Cookie", $"secureshare.session={jar["secureshare.session"]}"); // a copy taken while the user is signed in
        (await stolen.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logoutToken = await FormTokenAsync("/credentials");
        (await SendAsync(HttpMethod.Post, "/logout", Form(("_handler", "logout"), ("__RequestVerificationToken", logoutToken)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = await stolen.GetAsync("/credentials");
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().ShouldContain("/login");
    }

    /// <summary>Every request seems to come from this machine, as it does behind a reverse proxy on the same host.</summary>
    private sealed class EveryCallerIsLoopback : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                await nextMiddleware();
            });
            next(app);
        };
    }

    [Fact]
    public async Task The_jobs_dashboard_is_off_unless_configured_and_then_read_only_for_listed_operators_whatever_their_address()
    {
        var operatorMsp = await App.SignupMspAsync();
        var tenantAdmin = await App.SignupMspAsync();
        static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, Msp who)
        {
            var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            (await PostFormAsync(browser, "/login", ("_handler", "login"), ("__RequestVerificationToken", await TokenAsync(browser, "/login")), ("email", who.AdminEmail), ("password", who.AdminPassword)))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return browser;
        }

        (await (await SignedInAsync(App.Factory, operatorMsp)).GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // off by default

        await using var factory = App.CreateFactory(
            new Dictionary<string, string?> { ["Jobs:Dashboard:Enabled"] = "true", ["Jobs:Dashboard:Operators:0"] = operatorMsp.AdminId.ToString() },
            services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new EveryCallerIsLoopback()));
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/hangfire")).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden); // loopback grants nothing
        (await (await SignedInAsync(factory, tenantAdmin)).GetAsync("/hangfire")).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        var operatorBrowser = await SignedInAsync(factory, operatorMsp);
        (await operatorBrowser.GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await operatorBrowser.PostAsync("/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "links-expire")]))).IsSuccessStatusCode.ShouldBeFalse(); // read-only
    }

    [Fact]
    public async Task The_host_warns_once_when_forwarded_headers_arrive_and_no_proxy_is_trusted()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        await client.GetAsync("/health/live");
        await client.GetAsync("/health/live");
        App.Logs.Lines.Count(l => l.Text.Contains("Network:TrustedProxies is empty", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Https_answers_carry_hsts_and_plain_http_ones_do_not()
    {
        var https = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://secureshare.example"), AllowAutoRedirect = false });
        var secure = await https.GetAsync("/login");
        secure.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
        var plain = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://secureshare.example"), AllowAutoRedirect = false });
        (await plain.GetAsync("/login")).Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebUiSecurityTests_Sqlite(SqliteApp app) : WebUiSecurityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WebUiSecurityTests_Postgres(PostgresApp app) : WebUiSecurityTests(app);
