using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A technician's everyday work in the list and on a credential's page: the row menu (copy username, copy password —
/// audited exactly as a reveal —, share, move), the current TOTP code, the password generator, editing every field, and
/// paging with its position. Screenshots in TestResults/ui; axe on each step, menus and dialogs open.
/// </summary>
public sealed partial class CredentialWorkJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Technician = "technician@demo-msp.example";
    private const string TotpSeed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static ILocator Row(IPage page, string name) => page.GetByTestId("row").Filter(new() { HasText = name });

    private static async Task<int> EventsAsync(HttpClient admin, string type, Guid credentialId)
    {
        var events = await admin.GetAsync($"/api/v1/audit?type={type}&credentialId={credentialId}").ReadJsonAsync(HttpStatusCode.OK);
        return events.GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task Copying_a_password_from_the_row_menu_writes_the_same_audit_event_as_a_reveal_and_no_page_carries_the_secret_before()
    {
        var api = await ui.ApiAsync(Technician);
        var secret = $"R0uter-{Guid.NewGuid():N}";
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Branch router", username = "netadmin", secret, url = "https://10.1.0.1", totpSeed = TotpSeed })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var admin = await ui.ApiAsync("admin@demo-msp.example");

        var page = await ui.SignInAsync(Technician);
        var errors = UiHost.ErrorsOf(page);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/credentials?q=Branch");
        (await page.ContentAsync()).ShouldNotContain(secret);
        var menu = Row(page, "Branch router").GetByTestId("row-menu");
        await menu.Locator("summary").ClickAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Copy password" })).ToBeVisibleAsync();
        await ui.LookAsync(page, "work-00-row-menu");

        // By keyboard alone: Escape closes the menu and gives focus back to it; Enter opens it again.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Copy password" })).ToBeHiddenAsync();
        await Assertions.Expect(menu.Locator("summary")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Copy password" })).ToBeVisibleAsync();

        await menu.GetByRole(AriaRole.Button, new() { Name = "Copy username" }).ClickAsync();
        await Assertions.Expect(menu.Locator("[data-copy-text]")).ToHaveTextAsync("Copied");
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe("netadmin");
        (await EventsAsync(admin, "credential.revealed", id)).ShouldBe(0, "a username is no secret");

        await menu.GetByRole(AriaRole.Button, new() { Name = "Copy password" }).ClickAsync();
        await Assertions.Expect(menu.Locator("[data-copy-secret]")).ToHaveTextAsync("Copied");
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(secret);
        (await page.ContentAsync()).ShouldNotContain(secret, customMessage: "a copy goes to the clipboard, not into the page");
        (await EventsAsync(admin, "credential.revealed", id)).ShouldBe(1);

        // The same event as the page's Reveal: one more of the same type, nothing else.
        await page.GotoAsync($"/credentials/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret")).ToHaveTextAsync(secret);
        var both = await admin.GetAsync($"/api/v1/audit?credentialId={id}").ReadJsonAsync(HttpStatusCode.OK);
        var reads = both.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("type").GetString() != "credential.created").ToList();
        reads.Select(e => e.GetProperty("type").GetString()).ShouldBe(["credential.revealed", "credential.revealed"]);
        reads.Select(e => e.GetProperty("actor").GetProperty("name").GetString()).Distinct().ShouldHaveSingleItem();

        // The current one-time code, and how long it stays good; the seed stays on the server.
        await page.GotoAsync($"/credentials/{id}");
        (await page.ContentAsync()).ShouldNotContain(TotpSeed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the current code" }).ClickAsync();
        var totp = page.GetByTestId("totp");
        await Assertions.Expect(totp.Locator("[data-left]")).ToContainTextAsync("s left");
        var shown = (await totp.Locator("[data-code]").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        var generator = new Totp(Base32Encoding.ToBytes(TotpSeed));
        var now = DateTime.UtcNow;
        new[] { now.AddSeconds(-30), now, now.AddSeconds(30) }.Select(t => generator.ComputeTotp(t)).ShouldContain(shown);
        (await EventsAsync(admin, "credential.totp-code.read", id)).ShouldBe(1);
        await ui.LookAsync(page, "work-01-totp-code");

        // Share… and Move… from a row open the dialogs for that row alone.
        await page.GotoAsync("/credentials?q=Branch");
        await menu.Locator("summary").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Share…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Share 1 credential" })).ToBeVisibleAsync();
        await ui.LookAsync(page, "work-02-row-share-dialog");
        await page.GotoAsync("/credentials?q=Branch");
        await menu.Locator("summary").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Move…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Move 1 credential to a folder" })).ToBeVisibleAsync();
        await ui.LookAsync(page, "work-03-row-move-dialog");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_generator_fills_the_secret_on_create_and_the_edit_form_changes_every_field_keeping_what_is_left_blank()
    {
        var page = await ui.SignInAsync(Technician);
        var errors = UiHost.ErrorsOf(page);
        await page.GotoAsync("/credentials/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Backup NAS");
        await page.GetByLabel("Username or key id").FillAsync("backup");
        await page.GetByText("Generate a password…").ClickAsync();
        var generator = page.GetByTestId("generator");
        await generator.GetByLabel("Length").FillAsync("32");
        await generator.GetByLabel("!#$%…").UncheckAsync();
        await Assertions.Expect(generator.GetByTestId("generated")).ToHaveTextAsync(new Regex("^[a-zA-Z2-9]{32}$"));
        await generator.GetByLabel("Kind").SelectOptionAsync("passphrase");
        await generator.GetByLabel("Words").FillAsync("5");
        await Assertions.Expect(generator.GetByTestId("generated")).ToHaveTextAsync(new Regex("^([a-z]+[0-9]?-){4}[a-z]+[0-9]?$"));
        await ui.LookAsync(page, "work-04-generator");
        var generated = await generator.GetByTestId("generated").TextContentAsync();
        await generator.GetByRole(AriaRole.Button, new() { Name = "Use this password" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Secret (password or API secret)")).ToHaveValueAsync(generated!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Backup NAS" })).ToBeVisibleAsync();
        var id = Guid.Parse(new Uri(page.Url).Segments[^1]);
        var api = await ui.ApiAsync(Technician);
        (await api.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("secret").GetString().ShouldBe(generated);

        // Every field in one save: visible ones, a new secret, notes, a TOTP seed, a visible and a secret custom field.
        await page.GetByLabel("Description").FillAsync("Synology in the server cupboard");
        await page.GetByLabel("Tags").FillAsync("backup, storage");
        await page.GetByLabel("New password").FillAsync("n3w-Backup-pass");
        await page.GetByLabel("New notes").FillAsync("Admin UI on port 5001.");
        await page.GetByLabel("TOTP seed", new() { Exact = true }).FillAsync(TotpSeed);
        await page.GetByLabel("Name of custom field 1").FillAsync("Serial");
        await page.GetByLabel("Value of custom field 1").FillAsync("SN-2231");
        await page.GetByLabel("Name of custom field 2").FillAsync("Recovery PIN");
        await page.GetByLabel("Value of custom field 2").FillAsync("4711");
        await page.GetByLabel("Custom field 2 is secret").CheckAsync();
        await ui.LookAsync(page, "work-05-edit-every-field");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        var facts = page.Locator("dl.facts");
        await Assertions.Expect(facts).ToContainTextAsync("Synology in the server cupboard");
        await Assertions.Expect(facts).ToContainTextAsync("backup, storage");
        await Assertions.Expect(facts).ToContainTextAsync("SN-2231");
        (await page.ContentAsync()).ShouldNotContain("4711");
        await ui.LookAsync(page, "work-06-saved");

        var values = await api.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK);
        values.GetProperty("secret").GetString().ShouldBe("n3w-Backup-pass");
        values.GetProperty("notes").GetString().ShouldBe("Admin UI on port 5001.");
        values.GetProperty("totpSeed").GetString().ShouldBe(TotpSeed);
        Fields(values).ShouldBe(["Serial=SN-2231 (visible)", "Recovery PIN=4711 (secret)"]);

        // Saved again with the secret ones left blank: they stay; the visible field changes.
        await page.GetByLabel("Value of custom field 1").FillAsync("SN-2232");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("SN-2232");
        values = await api.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK);
        values.GetProperty("secret").GetString().ShouldBe("n3w-Backup-pass");
        values.GetProperty("notes").GetString().ShouldBe("Admin UI on port 5001.");
        Fields(values).ShouldBe(["Serial=SN-2232 (visible)", "Recovery PIN=4711 (secret)"]);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_list_offers_a_page_size_and_says_where_a_page_is_among_all_matches()
    {
        var api = await ui.ApiAsync(Technician);
        for (var i = 0; i < 6; i++)
        {
            await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = $"Paging sample {i}", secret = $"p-{Guid.NewGuid():N}" }).ReadJsonAsync(HttpStatusCode.Created);
        }

        var page = await ui.SignInAsync(Technician);
        await page.GotoAsync("/credentials");
        await page.GetByLabel("Per page").SelectOptionAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var position = page.GetByTestId("position");
        await Assertions.Expect(position).ToHaveTextAsync(new Regex("^1–25 of [0-9]+$"));
        var total = int.Parse(PositionTotal().Match((await position.TextContentAsync())!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        total.ShouldBeGreaterThan(25);
        await Assertions.Expect(page.GetByTestId("row")).ToHaveCountAsync(25);
        await ui.LookAsync(page, "work-07-page-size");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next 25" }).ClickAsync();
        await Assertions.Expect(position).ToHaveTextAsync($"26–{Math.Min(total, 50)} of {total}");
        await Assertions.Expect(page.GetByTestId("row")).ToHaveCountAsync(Math.Min(total, 50) - 25);
        // On a tablet held upright the list still fits: the less needed columns give way.
        await page.SetViewportSizeAsync(820, 1180);
        await ui.LookAsync(page, "work-08-tablet");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth")).ShouldBeFalse("nothing runs off a tablet's screen");
        await page.GetByLabel("Search").FillAsync("Paging sample");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(position).ToHaveTextAsync("1–6 of 6");
    }

    private static List<string> Fields(JsonElement values) =>
        values.GetProperty("customFields").EnumerateArray()
            .Select(f => $"{f.GetProperty("name").GetString()}={f.GetProperty("value").GetString()} ({(f.GetProperty("secret").GetBoolean() ? "secret" : "visible")})")
            .ToList();

    [GeneratedRegex("of ([0-9,]+)$")]
    private static partial Regex PositionTotal();
}
