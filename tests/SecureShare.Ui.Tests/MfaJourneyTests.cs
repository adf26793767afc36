using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using OtpNet;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Two-step sign-in in Chromium: the MSP requires MFA, a technician signing in is sent to enrolment and can do nothing
/// else, scans (reads) the key, turns the app on, keeps the recovery codes, and from then on signs in with a code.
/// </summary>
public sealed class MfaJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Technician = "technician@demo-msp.example";

    [Fact]
    public async Task Under_a_policy_requiring_mfa_a_technician_enrols_at_sign_in_and_then_signs_in_with_a_code()
    {
        var admin = await ui.ApiAsync("admin@demo-msp.example");
        await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { mfaRequired = true }).ReadJsonAsync(HttpStatusCode.OK);

        var page = await ui.NewPageAsync();
        await ui.EnterPasswordAsync(page, Technician);
        await ui.ArrivedAtAsync(page, "/mfa");
        await page.GotoAsync("/credentials");
        await ui.ArrivedAtAsync(page, "/mfa"); // nothing else until a second factor is on
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var secret = await page.GetByTestId("totp-secret").TextContentAsync();
        await ui.ScreenshotAsync(page, "mfa-00-enrol");
        await page.GetByLabel("Six-digit code").FillAsync(CodeAt(secret!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await ui.ScreenshotAsync(page, "mfa-01-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to SecureShare" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/");

        var again = await ui.NewPageAsync();
        await ui.EnterPasswordAsync(again, Technician);
        // The next time step's code: enrolment used this one's, and a code is good once.
        await again.GetByLabel("Code from your authenticator app").FillAsync(CodeAt(secret!, DateTimeOffset.UtcNow.AddSeconds(30)));
        await ui.ScreenshotAsync(again, "mfa-02-code");
        await again.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await ui.ArrivedAtAsync(again, "/");

        // The second browser sees both sessions and ends the first one's.
        await again.GotoAsync("/sessions");
        await Assertions.Expect(again.GetByTestId("sessions").Locator("tbody tr")).ToHaveCountAsync(2);
        await again.GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();
        await Assertions.Expect(again.GetByRole(AriaRole.Status)).ToContainTextAsync("The session has ended");
        await ui.ScreenshotAsync(again, "mfa-03-sessions");
        await page.GotoAsync("/credentials");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login(\\?|$)")); // its session ended: signed out
    }

    private static string CodeAt(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

}
