using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Client offboarding in Chromium: the MSP's admin (signed in with a second factor) opens a client, reads what offboarding
/// would end, chooses a handover password, confirms, follows the job's progress bar to its end and downloads the handover
/// package; the client's site admin can no longer sign in.
/// </summary>
public sealed partial class OffboardingJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Admin = "admin@demo-msp.example";
    private const string SiteAdmin = "admin@fabrikam-legal.example";

    [GeneratedRegex("/jobs/[^/]+$")]
    private static partial Regex JobPage();

    [Fact]
    public async Task An_admin_previews_an_offboarding_confirms_it_follows_its_progress_bar_to_the_end_and_downloads_the_handover_package()
    {
        var api = await ui.ApiAsync(Admin);
        var client = (await api.GetFromJsonAsync<JsonElement>("/api/v1/shares/partners")).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Fabrikam Legal").GetProperty("id").GetGuid();
        var secret = (await Authenticator.EnrolAsync(api, DateTimeOffset.UtcNow)).Secret; // the package, as any export, asks for a recent second factor
        var page = await ui.NewPageAsync();
        var errors = UiHost.ErrorsOf(page);
        await ui.EnterPasswordAsync(page, Admin);
        await page.GetByLabel("Code from your authenticator app").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/");

        await page.GotoAsync($"/clients/{client}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Offboard Fabrikam Legal" }).ClickAsync();
        await ui.ArrivedAtAsync(page, $"/clients/{client}/offboard");
        var preview = page.GetByTestId("offboard-preview");
        await Assertions.Expect(preview).ToContainTextAsync("Offboarding Fabrikam Legal ends, in one step");
        await Assertions.Expect(preview).ToContainTextAsync("nobody of Fabrikam Legal signs in again");
        await ui.LookAsync(page, "offboard-01-preview");
        (await ui.ApiAsync(SiteAdmin)).ShouldNotBeNull("a preview changes nothing");

        await Assertions.Expect(preview).ToContainTextAsync("Fabrikam Legal owns");
        await page.GetByLabel("Handover package password").FillAsync("a long handover passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard Fabrikam Legal" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(JobPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Offboarding" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("job-outcome")).ToContainTextAsync("Fabrikam Legal is suspended", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("value", new Regex("^[1-9][0-9]*$"));
        await Assertions.Expect(page.GetByTestId("handover-package")).ToContainTextAsync("The handover package holds");
        await ui.LookAsync(page, "offboard-02-done");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the handover package" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("secureshare-handover-fabrikam-legal.json");
        (await File.ReadAllTextAsync(await download.PathAsync())).ShouldContain("\"passwordProtected\": true");
        await page.GetByRole(AriaRole.Link, new() { Name = "All clients" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/clients");
        await Assertions.Expect(page.GetByTestId("clients").GetByRole(AriaRole.Row, new() { Name = "Fabrikam Legal" })).ToContainTextAsync("suspended");

        using var signIn = new HttpClient { BaseAddress = ui.Host.BaseAddress };
        (await signIn.PostAsJsonAsync("/api/v1/auth/login", new { email = SiteAdmin, password = ui.Host.PrintedPassword(SiteAdmin) })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        errors.ShouldBeEmpty();
    }
}
