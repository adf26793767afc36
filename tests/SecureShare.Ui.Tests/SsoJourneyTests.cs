using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using OtpNet;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Single sign-on in Chromium against a real OpenID provider started by the test (OpenIddict's server): the MSP admin
/// sets it up, a new colleague signs in through the "Sign in with …" button and is created with a mapped group, and once
/// SSO is required a technician's password is turned away while the break-glass admin still gets in with a password and
/// a code.
/// </summary>
public sealed class SsoJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Admin = "admin@demo-msp.example";
    private const string Technician = "technician@demo-msp.example";

    [Fact]
    public async Task A_colleague_signs_in_through_the_provider_and_a_break_glass_admin_still_gets_in_when_sso_is_required()
    {
        await using var provider = await TestOpenIdProvider.StartAsync("secureshare-ui", "ui-provider-secret");
        var admin = await ui.ApiAsync(Admin);
        var adminId = (await admin.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("userId").GetGuid();
        var marketing = (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Marketing (SSO)" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var sso = await admin.PutAsJsonAsync("/api/v1/tenant/sso", new
        {
            displayName = "Contoso ID", authority = provider.Authority.ToString(), clientId = "secureshare-ui", clientSecret = "ui-provider-secret", defaultRole = "Technician",
            groupClaim = "groups", groupMappings = new Dictionary<string, Guid> { ["marketing"] = marketing }, breakGlassUserIds = new[] { adminId },
            allowedEmailDomains = new[] { "demo-msp.example" },
        }).ReadJsonAsync(HttpStatusCode.OK);
        provider.AllowRedirectUri(sso.GetProperty("redirectUri").GetString()!);
        provider.EnqueueUser("contoso-robin", "robin@demo-msp.example", "Robin New", "marketing");

        var page = await ui.NewPageAsync();
        await page.GotoAsync(sso.GetProperty("signInUrl").GetString()!);
        await ui.ScreenshotAsync(page, "sso-00-sign-in-with");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Contoso ID" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("who")).ToContainTextAsync("Robin New");
        await ui.ScreenshotAsync(page, "sso-01-signed-in");
        var group = await admin.GetAsync($"/api/v1/groups/{marketing}").ReadJsonAsync(HttpStatusCode.OK);
        group.GetProperty("memberIds").GetArrayLength().ShouldBe(1, "the groups claim put Robin in Marketing");

        var authenticator = await Authenticator.EnrolAsync(admin, DateTimeOffset.UtcNow);
        (await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { ssoRequired = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var technician = await ui.NewPageAsync();
        await ui.EnterPasswordAsync(technician, Technician);
        await Assertions.Expect(technician.GetByRole(AriaRole.Alert)).ToContainTextAsync("use the sign-in link your admin gave you");
        await ui.ScreenshotAsync(technician, "sso-02-password-refused");

        var breakGlass = await ui.NewPageAsync();
        await ui.EnterPasswordAsync(breakGlass, Admin);
        await breakGlass.GetByLabel("Code from your authenticator app").FillAsync(
            new Totp(Base32Encoding.ToBytes(authenticator.Secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await breakGlass.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await ui.ArrivedAtAsync(breakGlass, "/");
    }

}
