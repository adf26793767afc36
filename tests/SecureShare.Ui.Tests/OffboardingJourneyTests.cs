using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Client offboarding in Chromium: the MSP's admin opens a client, reads what offboarding would end, confirms, and
/// follows the job's progress bar to its end; the client's site admin can no longer sign in.
/// </summary>
public sealed partial class OffboardingJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Admin = "admin@demo-msp.example";
    private const string SiteAdmin = "admin@fabrikam-legal.example";

    [GeneratedRegex("/jobs/[^/]+$")]
    private static partial Regex JobPage();

    [Fact]
    public async Task An_admin_previews_an_offboarding_confirms_it_and_follows_its_progress_bar_to_the_end()
    {
        var api = await ui.ApiAsync(Admin);
        var client = (await api.GetFromJsonAsync<JsonElement>("/api/v1/shares/partners")).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Fabrikam Legal").GetProperty("id").GetGuid();
        var page = await ui.SignInAsync(Admin);
        var errors = UiHost.ErrorsOf(page);

        await page.GotoAsync($"/clients/{client}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Offboard Fabrikam Legal" }).ClickAsync();
        await ui.ArrivedAtAsync(page, $"/clients/{client}/offboard");
        var preview = page.GetByTestId("offboard-preview");
        await Assertions.Expect(preview).ToContainTextAsync("Offboarding Fabrikam Legal ends, in one step");
        await Assertions.Expect(preview).ToContainTextAsync("nobody of Fabrikam Legal signs in again");
        await ui.LookAsync(page, "offboard-01-preview");
        (await ui.ApiAsync(SiteAdmin)).ShouldNotBeNull("a preview changes nothing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard Fabrikam Legal" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(JobPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Offboarding" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("job-outcome")).ToContainTextAsync("Fabrikam Legal is suspended", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("value", new Regex("^[1-9][0-9]*$"));
        await ui.LookAsync(page, "offboard-02-done");
        await page.GetByRole(AriaRole.Link, new() { Name = "All clients" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/clients");
        await Assertions.Expect(page.GetByTestId("clients").GetByRole(AriaRole.Row, new() { Name = "Fabrikam Legal" })).ToContainTextAsync("suspended");

        using var signIn = new HttpClient { BaseAddress = ui.Host.BaseAddress };
        (await signIn.PostAsJsonAsync("/api/v1/auth/login", new { email = SiteAdmin, password = ui.Host.PrintedPassword(SiteAdmin) })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        errors.ShouldBeEmpty();
    }
}
