using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Single sign-on per tenant against a real OpenID provider started in the test (OpenIddict's server on Kestrel): the
/// test carries the browser's redirects by hand, the app's handler talks to the provider over HTTP as in production.
/// The Chromium journey is in the UI tests.
/// </summary>
public abstract class SsoTests(TestApp app) : DatabaseTest(app)
{
    private const string ClientSecret = "provider-issued-secret-7f3a9c";

    private sealed record Scene(Msp Msp, HttpClient Admin, TestOpenIdProvider Provider, JsonElement Sso, Guid MarketingId);

    private async Task<Scene> ConfiguredAsync()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var marketing = (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Marketing" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var provider = await TestOpenIdProvider.StartAsync("secureshare", ClientSecret);
        var sso = await admin.PutAsJsonAsync("/api/v1/tenant/sso", new
        {
            displayName = "Contoso ID", authority = provider.Authority.ToString(), clientId = "secureshare", clientSecret = ClientSecret, defaultRole = "Member",
            groupClaim = "groups", groupMappings = new Dictionary<string, Guid> { ["mkt-all"] = marketing }, breakGlassUserIds = new[] { msp.AdminId },
            allowedEmailDomains = new[] { "test.example" },
        }).ReadJsonAsync(HttpStatusCode.OK);
        provider.AllowRedirectUri(sso.GetProperty("redirectUri").GetString()!);
        return new Scene(msp, admin, provider, sso, marketing);
    }

    /// <summary>A browser's round trip: the sign-in link, the provider, its answer; returns where the app sent the browser last, and the browser.</summary>
    private async Task<(Uri Landing, HttpClient Browser)> SignInThroughProviderAsync(Scene scene)
    {
        var browser = App.Factory.CreateDefaultClient(new CookieContainerHandler());
        var identifier = scene.Sso.GetProperty("signInUrl").GetString()!.Split("org=")[1];
        var start = await browser.GetAsync($"/sso/{identifier}");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var providerSide = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await providerSide.GetAsync(start.Headers.Location);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var back = await browser.GetAsync(answer.Headers.Location!.PathAndQuery);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        return (back.Headers.Location!, browser);
    }

    [Fact]
    public async Task A_first_sso_sign_in_creates_the_user_with_the_default_role_maps_a_group_and_opens_the_app()
    {
        var scene = await ConfiguredAsync();
        await using var provider = scene.Provider;
        var email = Api.UniqueEmail("pat");
        provider.EnqueueUser("subject-pat", email, "Pat Example", "mkt-all", "unmapped");

        var (landing, browser) = await SignInThroughProviderAsync(scene);

        landing.OriginalString.ShouldBe("/signed-in");
        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK, "the UI session's cookie is set");
        var users = await scene.Admin.GetAsync("/api/v1/users").ReadJsonAsync(HttpStatusCode.OK);
        var pat = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email);
        pat.GetProperty("role").GetString().ShouldBe("Member");
        pat.GetProperty("displayName").GetString().ShouldBe("Pat Example");
        var group = await scene.Admin.GetAsync($"/api/v1/groups/{scene.MarketingId}").ReadJsonAsync(HttpStatusCode.OK);
        group.GetProperty("memberIds").EnumerateArray().Select(m => m.GetGuid()).ShouldContain(pat.GetProperty("id").GetGuid());
        var login = await scene.Admin.GetAsync("/api/v1/audit?type=auth.login.succeeded&limit=1").ReadJsonAsync(HttpStatusCode.OK);
        login.GetProperty("items")[0].GetProperty("details").GetProperty("method").GetString().ShouldBe("Sso");

        // Next time without the group claim value: the mapped group follows the provider.
        provider.EnqueueUser("subject-pat", email, "Pat Example");
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/signed-in");
        group = await scene.Admin.GetAsync($"/api/v1/groups/{scene.MarketingId}").ReadJsonAsync(HttpStatusCode.OK);
        group.GetProperty("memberIds").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_account_is_bound_to_its_first_subject_and_another_tenants_email_is_refused()
    {
        var scene = await ConfiguredAsync();
        await using var provider = scene.Provider;
        var email = Api.UniqueEmail("bound");
        provider.EnqueueUser("subject-first", email, "First");
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/signed-in");

        provider.EnqueueUser("subject-someone-else", email, "Someone else");
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/login?sso=NotThisAccount");

        var elsewhere = await App.SignupMspAsync();
        provider.EnqueueUser("subject-x", elsewhere.AdminEmail, "Other MSP admin");
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/login?sso=EmailElsewhere");
        var refused = await scene.Admin.GetAsync("/api/v1/audit?type=auth.sso.failed").ReadJsonAsync(HttpStatusCode.OK);
        refused.GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Only_a_verified_email_of_an_allowed_domain_creates_an_account_and_a_break_glass_admin_never_signs_in_through_the_provider()
    {
        var scene = await ConfiguredAsync();
        await using var provider = scene.Provider;
        provider.EnqueueUser(new TestOidcUser("subject-unverified", Api.UniqueEmail("unverified"), "Unverified", [], EmailVerified: false));
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/login?sso=EmailNotVerified");
        provider.EnqueueUser("subject-outsider", $"outsider-{Guid.NewGuid():N}@gmail.example", "Outsider");
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/login?sso=NotInvited");
        provider.EnqueueUser("subject-impostor", scene.Msp.AdminEmail, "Impostor");
        (await SignInThroughProviderAsync(scene)).Landing.OriginalString.ShouldBe("/login?sso=NotThisAccount", "the break-glass admin is the way in when the provider is the problem");

        var users = await scene.Admin.GetAsync("/api/v1/users").ReadJsonAsync(HttpStatusCode.OK);
        users.GetProperty("items").GetArrayLength().ShouldBe(1, "nobody was created");
        (await scene.Admin.GetAsync("/api/v1/audit?type=auth.sso.failed").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Settings_replaced_by_another_provider_take_effect_at_once_and_removing_them_ends_the_sessions_they_started()
    {
        var scene = await ConfiguredAsync();
        await using var first = scene.Provider;
        var email = Api.UniqueEmail("moving");
        first.EnqueueUser("subject-moving", email, "Moving");
        var (_, browser) = await SignInThroughProviderAsync(scene);
        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await scene.Admin.DeleteAsync("/api/v1/tenant/sso")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session single sign-on started has ended");

        await using var second = await TestOpenIdProvider.StartAsync("secureshare-2", "second-secret");
        var replaced = await scene.Admin.PutAsJsonAsync("/api/v1/tenant/sso", new
        {
            authority = second.Authority.ToString(), clientId = "secureshare-2", clientSecret = "second-secret", defaultRole = "Member", allowedEmailDomains = new[] { "test.example" },
        }).ReadJsonAsync(HttpStatusCode.OK);
        second.AllowRedirectUri(replaced.GetProperty("redirectUri").GetString()!);
        var start = await App.Factory.CreateDefaultClient(new CookieContainerHandler()).GetAsync(new Uri(replaced.GetProperty("signInUrl").GetString()!).PathAndQuery.Replace("/login?org=", "/sso/", StringComparison.Ordinal));
        start.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe(second.Authority.GetLeftPart(UriPartial.Authority), "the new provider, not a cached old one");
    }

    [Fact]
    public async Task Outside_tests_a_provider_must_be_https_at_a_public_address_and_an_unreachable_one_is_a_notice_not_an_error()
    {
        await using var production = App.CreateFactory(new Dictionary<string, string?> { ["Sso:AllowLocalProviders"] = "false" });
        var msp = await App.SignupMspAsync();
        var login = await production.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password }).ReadJsonAsync(HttpStatusCode.OK);
        var admin = production.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());

        await admin.PutAsJsonAsync("/api/v1/tenant/sso", new { authority = "http://idp.example/", clientId = "x", clientSecret = "s", defaultRole = "Member" })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var inside = await admin.PutAsJsonAsync("/api/v1/tenant/sso", new { authority = "https://10.20.30.40/", clientId = "x", clientSecret = "s", defaultRole = "Member" })
            .ReadJsonAsync(HttpStatusCode.OK);

        var start = await production.CreateDefaultClient().GetAsync(new Uri(inside.GetProperty("signInUrl").GetString()!).PathAndQuery.Replace("/login?org=", "/sso/", StringComparison.Ordinal));
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        start.Headers.Location!.OriginalString.ShouldBe("/login?sso=ProviderUnreachable", "no connection to an address inside the network, and no 500");
    }

    [Fact]
    public async Task While_sso_is_required_the_last_break_glass_admin_can_be_neither_demoted_nor_disabled()
    {
        var scene = await ConfiguredAsync();
        await using var provider = scene.Provider;
        await scene.Admin.CreateUserAsync(Api.UniqueEmail("second-admin"), "Admin");
        await Authenticator.EnrolAsync(scene.Admin, DateTimeOffset.UtcNow);
        (await scene.Admin.PutAsJsonAsync("/api/v1/tenant/policy", new { ssoRequired = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var demoted = await scene.Admin.PatchAsJsonAsync($"/api/v1/users/{scene.Msp.AdminId}", new { role = "Technician" }).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        demoted.GetProperty("detail").GetString()!.ShouldContain("last break-glass admin");
        await scene.Admin.PatchAsJsonAsync($"/api/v1/users/{scene.Msp.AdminId}", new { disabled = true }).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await scene.Admin.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("role").GetString().ShouldBe("Admin", "nothing changed");
    }

    [Fact]
    public async Task When_sso_is_required_a_password_opens_only_for_break_glass_admins_and_only_with_a_second_factor()
    {
        var scene = await ConfiguredAsync();
        await using var provider = scene.Provider;
        var technician = Api.UniqueEmail("tech");
        await scene.Admin.CreateUserAsync(technician, "Technician");
        (await scene.Admin.PutAsJsonAsync("/api/v1/tenant/policy", new { ssoRequired = true }).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("ssoRequired").GetBoolean().ShouldBeTrue();

        var refused = await App.LoginRawAsync(technician, Api.Password).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        refused.GetProperty("detail").GetString().ShouldBe("The email or password is incorrect.", "a right password is told nothing a wrong one is not");
        var breakGlass = await App.ClientForAsync(scene.Msp.AdminEmail);
        (await breakGlass.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a break-glass admin enrols a second factor first");
        await Authenticator.EnrolAsync(breakGlass, DateTimeOffset.UtcNow);
        (await breakGlass.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);

        provider.EnqueueUser("subject-tech", technician, "Tech");
        var (landing, browser) = await SignInThroughProviderAsync(scene);
        landing.OriginalString.ShouldBe("/signed-in");
        (await browser.GetAsync("/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK, "the provider answered for the second factor");
        (await scene.Admin.DeleteAsync("/api/v1/tenant/sso")).StatusCode.ShouldBe(HttpStatusCode.Conflict, "required: not removable");
    }

    [Fact]
    public async Task Sso_settings_refuse_an_admin_default_role_and_non_admin_break_glass_users_and_keep_the_secret_out_of_sight()
    {
        var scene = await ConfiguredAsync();
        await using var provider = scene.Provider;
        var member = Api.UniqueEmail("member");
        var memberId = await scene.Admin.CreateUserAsync(member, "Member");
        var settings = new { authority = provider.Authority.ToString(), clientId = "secureshare", defaultRole = "Admin" };
        await scene.Admin.PutAsJsonAsync("/api/v1/tenant/sso", settings).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await scene.Admin.PutAsJsonAsync("/api/v1/tenant/sso", new { authority = "https://user:password@idp.example/", clientId = "x", defaultRole = "Member" })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await scene.Admin.PutAsJsonAsync("/api/v1/tenant/sso", new { authority = provider.Authority.ToString(), clientId = "x", defaultRole = "Member", breakGlassUserIds = new[] { memberId } })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await (await App.ClientForAsync(member)).GetAsync("/api/v1/tenant/sso")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var shown = await scene.Admin.GetAsync("/api/v1/tenant/sso").ReadJsonAsync(HttpStatusCode.OK);
        shown.GetRawText().ShouldNotContain(ClientSecret);
        shown.GetProperty("clientId").GetString().ShouldBe("secureshare");
        (await RawDatabase.DumpAsync(App.Database)).ShouldNotContain(ClientSecret);
        var other = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        (await other.GetAsync("/api/v1/tenant/sso")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another tenant's settings are not there for it");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SsoTests_Sqlite(SqliteApp app) : SsoTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SsoTests_Postgres(PostgresApp app) : SsoTests(app);
