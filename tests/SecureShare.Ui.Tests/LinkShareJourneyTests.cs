using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A supplier without an account opens a technician's link share in Chromium: the page decrypts with
/// the key after '#', which never reaches the server or its log.
/// </summary>
public sealed class LinkShareJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    [Fact]
    public async Task A_recipient_opens_the_link_with_its_passphrase_and_reads_the_secret_that_the_server_never_saw_the_key_of()
    {
        var secret = $"Vendor-API-{Guid.NewGuid():N}";
        const string Passphrase = "copper-meadow-17";
        var api = await ui.ApiAsync("technician@demo-msp.example");
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "ApiSecret", name = "Billing API", username = "key-7731", secret, url = "https://billing.example/api" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // The technician makes the link on the credential's page and copies it.
        var tech = await ui.SignInAsync("technician@demo-msp.example");
        await tech.GotoAsync($"/credentials/{id}");
        await tech.GetByLabel("Title the recipient sees").FillAsync("Billing API key for Fabrikam support");
        await tech.GetByLabel("Expires after").SelectOptionAsync(new SelectOptionValue { Label = "1 hour" });
        await tech.GetByLabel("Views").FillAsync("1");
        await tech.GetByLabel("Passphrase (optional)").FillAsync(Passphrase);
        await tech.GetByRole(AriaRole.Checkbox, new() { Name = "Endpoint" }).CheckAsync(); // not given by default: the form's choice must reach the link
        await tech.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Assertions.Expect(tech.GetByTestId("new-link")).ToBeVisibleAsync();
        await ui.ScreenshotAsync(tech, "link-00-created");
        (await tech.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ShouldBeEmpty();
        var url = await tech.Locator("#new-link-url").TextContentAsync() ?? string.Empty;
        url.ShouldStartWith(ui.Host.BaseAddress + "s/");
        var token = new Uri(url).AbsolutePath[3..];
        var key = new Uri(url).Fragment.TrimStart('#');
        key.Length.ShouldBe(43); // 256 bits, base64url

        // A browser with no SecureShare session, as the supplier has.
        var context = await ui.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 800 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = ui.Host.BaseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync(url);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Billing API key for Fabrikam support" })).ToBeVisibleAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#"), new() { Timeout = 5_000 }); // the page takes the key out of the address bar
        (await page.ContentAsync()).ShouldNotContain(secret);
        await ui.ScreenshotAsync(page, "link-01-passphrase");
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ShouldBeEmpty();

        await page.GetByLabel("Passphrase").FillAsync("wrong-guess");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the secret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The passphrase is wrong");

        await page.GetByLabel("Passphrase").FillAsync(Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the secret" }).ClickAsync();
        var values = page.Locator("#values");
        await Assertions.Expect(values).ToContainTextAsync(secret);
        await Assertions.Expect(values).ToContainTextAsync("key-7731");
        await Assertions.Expect(values).ToContainTextAsync("https://billing.example/api");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("last view");
        await Assertions.Expect(page.GetByLabel("Passphrase")).ToBeHiddenAsync();
        await ui.ScreenshotAsync(page, "link-02-opened");

        await values.GetByRole(AriaRole.Button, new() { Name = "Copy" }).Nth(1).ClickAsync(); // key id, secret, endpoint
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(secret);
        scriptErrors.ShouldBeEmpty();

        // The link is used up: opening it again shows that it is gone.
        var again = await context.NewPageAsync();
        await again.GotoAsync(url);
        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "This link is no longer available" })).ToBeVisibleAsync();
        await tech.GotoAsync($"/credentials/{id}"); // not a reload: that would post the link form again
        await Assertions.Expect(tech.GetByTestId("links")).ToContainTextAsync("used-up");
        (await tech.ContentAsync()).ShouldNotContain(key, customMessage: "the link's key is shown once only");

        // A link revoked on the credential's page, and another on the tenant's list of live links, stop opening.
        await api.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "Changed my mind", maxViews = 3 }).ReadJsonAsync(HttpStatusCode.Created);
        await tech.GotoAsync($"/credentials/{id}");
        await tech.GetByRole(AriaRole.Button, new() { Name = "Revoke Changed my mind" }).ClickAsync();
        await Assertions.Expect(tech.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await Assertions.Expect(tech.GetByTestId("links")).ToContainTextAsync("revoked");

        var second = (await api.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "Second thoughts", maxViews = 3 })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("url").GetString()!;
        await tech.GetByRole(AriaRole.Link, new() { Name = "Link shares" }).ClickAsync();
        await ui.ArrivedAtAsync(tech, "/links");
        var live = tech.GetByTestId("tenant-links");
        await Assertions.Expect(live).ToContainTextAsync("Second thoughts");
        await Assertions.Expect(live).Not.ToContainTextAsync("Fabrikam");
        (await tech.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ShouldBeEmpty();
        await tech.GetByRole(AriaRole.Button, new() { Name = "Revoke Second thoughts" }).ClickAsync();
        await Assertions.Expect(tech.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await ui.ScreenshotAsync(tech, "link-03-revoked");
        var revoked = await context.NewPageAsync();
        await revoked.GotoAsync(second);
        await Assertions.Expect(revoked.GetByRole(AriaRole.Heading, new() { Name = "This link is no longer available" })).ToBeVisibleAsync();

        // The server's own log saw the page and the open, and neither the key nor the token.
        var log = string.Join('\n', ui.Host.Output);
        log.ShouldContain("/api/v1/public/links/…/open");
        log.ShouldContain("/s/…");
        log.ShouldNotContain(key);
        log.ShouldNotContain(token);
        log.ShouldNotContain(Passphrase);
        log.ShouldNotContain(secret);
        await context.CloseAsync();
    }
}
