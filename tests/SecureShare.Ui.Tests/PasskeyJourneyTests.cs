using Microsoft.Playwright;

namespace SecureShare.Tests;

/// <summary>
/// Passkeys in Chromium, through Chromium's own WebAuthn stack with a virtual authenticator (CDP WebAuthn domain): an
/// admin adds a passkey on the two-step page, signs out, and signs in again with a password and one touch of the
/// passkey. The page is opened at localhost, since WebAuthn takes no IP address as a site.
/// </summary>
public sealed class PasskeyJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Admin = "admin@demo-msp.example";

    [Fact]
    public async Task An_admin_adds_a_passkey_in_chromium_and_signs_in_with_it()
    {
        var page = await ui.NewPageAsync($"http://localhost:{ui.Host.Port}");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await ui.EnterPasswordAsync(page, Admin);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^http://localhost:[0-9]+/$"));
        await page.GotoAsync("/mfa");
        await page.GetByLabel("Name of the new passkey").FillAsync("Chromium virtual key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your passkey \"Chromium virtual key\" is on.");
        await ui.ScreenshotAsync(page, "passkey-00-added");

        await page.GotoAsync("/credentials");
        await page.GetByTestId("who").ClickAsync(); // the user menu
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login(\\?|$)"));
        await ui.EnterPasswordAsync(page, Admin);
        await ui.ScreenshotAsync(page, "passkey-01-second-step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your passkey" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^http://localhost:[0-9]+/$"));
        await ui.LoadedAsync(page);

        await page.GotoAsync("/mfa");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Chromium virtual key" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).Not.ToContainTextAsync("never");
        await ui.ScreenshotAsync(page, "passkey-02-listed");
    }
}
