using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// An MSP technician and a client's site admin at work in the browser: share three credentials
/// from the list, file them on the client side, stop sharing, and see "needs rotation".
/// Each step's screenshot is kept in TestResults/ui.
/// </summary>
public sealed class SharingJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Technician = "technician@demo-msp.example";
    private const string SiteAdmin = "admin@contoso-dental.example";
    private static readonly string[] Shared = ["Contoso NAS", "Contoso reception PC", "Contoso Wi-Fi"];

    private static ILocator Row(IPage page, string name) => page.GetByTestId("row").Filter(new() { HasText = name });

    private static async Task WithSelectedAsync(IPage page, IEnumerable<string> names, string action)
    {
        foreach (var name in names)
        {
            await page.GetByLabel($"Select {name}", new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel("With selected").SelectOptionAsync(action);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
    }

    [Fact]
    public async Task A_technician_shares_three_credentials_the_site_files_them_and_the_technician_stops_sharing()
    {
        // The scene: the MSP keeps Contoso's credentials in a folder of its own, plus one of its own.
        var mspAdmin = await ui.ApiAsync("admin@demo-msp.example");
        var mspFolder = (await mspAdmin.PostAsJsonAsync("/api/v1/folders", new { name = "Contoso Dental" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var api = await ui.ApiAsync(Technician);
        var secrets = new List<string>();
        foreach (var name in Shared.Append("MSP internal VPN"))
        {
            var secret = $"{name.Replace(' ', '-')}-s3cr3t-{Guid.NewGuid():N}";
            secrets.Add(secret);
            await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name, username = "admin", secret, folderId = name.StartsWith("Contoso", StringComparison.Ordinal) ? mspFolder : (Guid?)null })
                .ReadJsonAsync(HttpStatusCode.Created);
        }

        // 1. The technician signs in and ticks the three Contoso credentials: Share…
        var tech = await ui.SignInAsync(Technician);
        await tech.GotoAsync("/credentials");
        await ui.ScreenshotAsync(tech, "01-technician-list");
        (await tech.ContentAsync()).ShouldNotContain(secrets[0], customMessage: "the list never carries a secret");
        await WithSelectedAsync(tech, Shared, "share");
        var dialog = tech.GetByTestId("share-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Tenant").SelectOptionAsync(new SelectOptionValue { Label = "Contoso Dental" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = tech.GetByTestId("preview");
        await Assertions.Expect(preview).ToContainTextAsync("3 shared");
        await Assertions.Expect(preview).ToContainTextAsync("Contoso Dental Admin (3)");
        await ui.ScreenshotAsync(tech, "02-share-preview");
        await tech.GetByTestId("share-dialog").GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        var outcome = tech.GetByTestId("outcome");
        await Assertions.Expect(outcome).ToContainTextAsync("Share: result");
        await Assertions.Expect(outcome.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(outcome.Locator("tbody tr")).ToContainTextAsync(["shared", "shared", "shared"]);
        await ui.ScreenshotAsync(tech, "03-shared");

        // 2. The site admin sees the three, makes a folder and files them there.
        var site = await ui.SignInAsync(SiteAdmin);
        await site.GotoAsync("/credentials");
        foreach (var name in Shared)
        {
            await Assertions.Expect(Row(site, name).GetByTestId("sharing")).ToHaveTextAsync("Shared in from Demo MSP");
        }

        (await site.ContentAsync()).ShouldNotContain(secrets[0]);
        await ui.ScreenshotAsync(site, "04-site-sees-three");
        await site.GotoAsync("/folders");
        await site.GetByLabel("New folder").FillAsync("From our MSP");
        await site.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("Folder created.");
        await site.GotoAsync("/credentials");
        await WithSelectedAsync(site, Shared, "move");
        await site.GetByLabel("Folder", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "From our MSP" });
        await site.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Assertions.Expect(site.GetByTestId("outcome")).ToContainTextAsync("Move: result");
        foreach (var name in Shared)
        {
            await Assertions.Expect(Row(site, name).GetByTestId("folder")).ToHaveTextAsync("From our MSP");
        }

        await ui.ScreenshotAsync(site, "05-site-filed-them");

        // 3. On the MSP side they have not moved.
        await tech.GotoAsync("/credentials");
        foreach (var name in Shared)
        {
            await Assertions.Expect(Row(tech, name).GetByTestId("folder")).ToHaveTextAsync("Contoso Dental");
            await Assertions.Expect(Row(tech, name).GetByTestId("sharing")).ToHaveTextAsync("Shared out to 1");
        }

        await ui.ScreenshotAsync(tech, "06-msp-placement-unchanged");

        // 4. The technician stops sharing all three.
        await WithSelectedAsync(tech, Shared, "stop");
        await Assertions.Expect(tech.GetByTestId("share-dialog").GetByLabel("Stop sharing")).ToBeCheckedAsync();
        await tech.GetByTestId("share-dialog").GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(tech.GetByTestId("outcome")).ToContainTextAsync("rotate them");
        await Assertions.Expect(tech.GetByTestId("outcome").Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(tech.GetByTestId("outcome").Locator("tbody tr")).ToContainTextAsync(["stopped", "stopped", "stopped"]);
        await ui.ScreenshotAsync(tech, "07-stopped");

        // 5. The site no longer sees them; the MSP list shows them as needing rotation.
        await site.ReloadAsync();
        await site.GotoAsync("/credentials");
        await Assertions.Expect(site.GetByTestId("row").First).ToBeVisibleAsync(); // the site's own and the demo's remain
        foreach (var name in Shared)
        {
            await Assertions.Expect(Row(site, name)).ToHaveCountAsync(0);
        }

        await ui.ScreenshotAsync(site, "08-site-sees-none");
        await tech.GotoAsync("/credentials");
        foreach (var name in Shared)
        {
            await Assertions.Expect(Row(tech, name)).ToContainTextAsync("needs rotation");
        }

        await Assertions.Expect(Row(tech, "MSP internal VPN")).Not.ToContainTextAsync("needs rotation");
        await ui.ScreenshotAsync(tech, "09-msp-needs-rotation");
    }

    [Fact]
    public async Task A_secret_reaches_the_page_only_when_revealed_and_the_reveal_is_audited()
    {
        var api = await ui.ApiAsync(Technician);
        var secret = $"router-{Guid.NewGuid():N}";
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Branch router", secret })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var tech = await ui.SignInAsync(Technician);
        (await tech.ContentAsync()).ShouldNotContain(secret);
        await tech.GotoAsync($"/credentials/{id}");
        (await tech.ContentAsync()).ShouldNotContain(secret);
        await ui.ScreenshotAsync(tech, "10-credential-masked");
        await tech.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(tech.GetByTestId("secret")).ToHaveTextAsync(secret);
        await ui.ScreenshotAsync(tech, "11-credential-revealed");

        var admin = await ui.SignInAsync("admin@demo-msp.example");
        await admin.GotoAsync($"/audit?type=credential.revealed&credentialId={id}");
        await Assertions.Expect(admin.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("tbody tr")).ToContainTextAsync("Demo MSP Technician");
        await ui.ScreenshotAsync(admin, "12-audit-log");
        var headers = (await tech.GotoAsync("/credentials"))!.Headers;
        headers["content-security-policy"].ShouldContain("script-src 'self'");
        headers["referrer-policy"].ShouldBe("no-referrer");
        Regex.IsMatch(await tech.ContentAsync(), "<script>").ShouldBeFalse("no inline script on a page");
    }

    [Fact]
    public async Task A_site_admin_sees_the_msps_reads_by_name_verifies_the_log_and_the_msp_sees_who_knew_what()
    {
        // Contoso shares a credential with its MSP; an MSP technician reveals it.
        var siteApi = await ui.ApiAsync(SiteAdmin);
        var partners = await siteApi.GetAsync("/api/v1/shares/partners").ReadJsonAsync(HttpStatusCode.OK);
        var msp = partners.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Demo MSP").GetProperty("id").GetGuid();
        var id = (await siteApi.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Dental server", secret = $"dental-{Guid.NewGuid():N}" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await siteApi.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{msp}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        var techApi = await ui.ApiAsync(Technician);
        await techApi.RevealAsync(id);

        // The site admin keeps the MSP's actions apart, read as sentences, and verifies the log.
        var site = await ui.SignInAsync(SiteAdmin);
        await site.GotoAsync("/audit");
        await site.GetByLabel("Whose actions").SelectOptionAsync(new SelectOptionValue { Label = "Our MSP's users" });
        await site.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await ui.ArrivedAtAsync(site, "/audit?type=&credentialId=&from=&to=&actorTenant=partner");
        await Assertions.Expect(site.Locator("tbody tr").Filter(new() { HasText = "revealed 'Dental server'" }))
            .ToContainTextAsync("Demo MSP Technician (Demo MSP) revealed 'Dental server'");
        await ui.ScreenshotAsync(site, "14-client-sees-msp-reads");
        await site.GetByRole(AriaRole.Link, new() { Name = "Verify log" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("The log verifies.");
        await ui.ScreenshotAsync(site, "15-log-verifies");

        // The MSP admin follows the technician's name to what they could still know.
        var admin = await ui.SignInAsync("admin@demo-msp.example");
        await admin.GotoAsync($"/audit?type=credential.revealed&credentialId={id}");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Demo MSP Technician" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "What Demo MSP Technician could still know" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Contoso Dental" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("tbody tr").Filter(new() { HasText = "Dental server" })).ToContainTextAsync("credential.revealed");
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Offboard this user" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync(admin, "16-who-knew-what");
    }

    [Fact]
    public async Task A_site_admin_stops_an_incoming_share_on_their_side_and_the_msp_keeps_it()
    {
        var api = await ui.ApiAsync(Technician);
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Fabrikam printer", secret = $"printer-{Guid.NewGuid():N}" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var partners = await api.GetAsync("/api/v1/shares/partners").ReadJsonAsync(HttpStatusCode.OK);
        var fabrikam = partners.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Fabrikam Legal").GetProperty("id").GetGuid();
        await api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{fabrikam}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);

        var site = await ui.SignInAsync("admin@fabrikam-legal.example");
        await site.GetByRole(AriaRole.Link, new() { Name = "Shared with us" }).ClickAsync();
        await ui.ArrivedAtAsync(site, "/credentials?sharing=in"); // else the next click may land on the page being left
        await site.GetByRole(AriaRole.Link, new() { Name = "Fabrikam printer" }).ClickAsync();
        await Assertions.Expect(site.GetByTestId("access")).ToContainTextAsync("Fabrikam Legal Admin — admin");
        await ui.ScreenshotAsync(site, "13-incoming-credential");
        await site.GetByRole(AriaRole.Button, new() { Name = "Stop sharing this with us" }).ClickAsync();
        await ui.ArrivedAtAsync(site, "/credentials");
        await Assertions.Expect(site.GetByTestId("row").First).ToBeVisibleAsync();
        await Assertions.Expect(Row(site, "Fabrikam printer")).ToHaveCountAsync(0);

        (await api.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("needsRotation").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_main_pages_have_no_serious_accessibility_violations()
    {
        var admin = await ui.SignInAsync("admin@demo-msp.example");
        var api = await ui.ApiAsync("admin@demo-msp.example");
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Accessible switch", secret = "a11y-secret" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var path in new[] { "/credentials", $"/credentials/{id}", "/credentials/new", "/folders", "/audit" })
        {
            await admin.GotoAsync(path);
            if (path == "/credentials")
            {
                await WithSelectedAsync(admin, ["Accessible switch"], "share"); // the share dialog, open
                await Assertions.Expect(admin.GetByTestId("share-dialog")).ToBeVisibleAsync(); // on the page the form post brought
                await ui.LoadedAsync(admin);
            }

            var axe = await admin.RunAxe();
            axe.Passes.ShouldNotBeEmpty("axe ran its rules");
            axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id} ({v.Help})").ShouldBeEmpty();
        }

        var signIn = await ui.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = ui.Host.BaseAddress.ToString() });
        await signIn.GotoAsync("/login");
        (await signIn.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ShouldBeEmpty();
    }
}
