using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Administration without curl: an MSP Admin runs its clients, a site admin its people and private groups, every
/// Admin the tenant's settings, and everyone their profile and home page. Each step is screenshotted into
/// TestResults/ui and checked with axe (serious and critical findings fail the step).
/// </summary>
public sealed class AdministrationJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string MspAdmin = "admin@demo-msp.example";
    private const string SiteAdmin = "admin@contoso-dental.example";

    [Fact]
    public async Task An_msp_admin_creates_a_client_reads_a_clients_shares_and_revokes_everything_with_it_after_a_preview()
    {
        var admin = await ui.SignInAsync(MspAdmin);
        var errors = UiHost.ErrorsOf(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await ui.ArrivedAtAsync(admin, "/clients");
        var fabrikam = admin.GetByTestId("clients").Locator("tbody tr").Filter(new() { HasText = "Fabrikam Legal" });
        await Assertions.Expect(fabrikam).ToBeVisibleAsync();
        await ui.LookAsync(admin, "clients-00-list");

        await admin.GetByLabel("Client name").FillAsync("Northwind Traders");
        await admin.GetByLabel("Their site admin's name").FillAsync("Nancy Davolio");
        await admin.GetByLabel("Their site admin's email").FillAsync("nancy@northwind.example");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create client and invite" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Client \"Northwind Traders\" created.");
        await Assertions.Expect(admin.GetByTestId("clients").Locator("tbody tr").Filter(new() { HasText = "Northwind Traders" })).ToContainTextAsync("0");
        await ui.LookAsync(admin, "clients-01-created");

        // Fabrikam's page: what crosses both ways, then "revoke everything" shows who loses access before it happens.
        await fabrikam.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Fabrikam Legal", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("shared-out").Locator("li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByTestId("shared-in").Locator("li")).Not.ToHaveCountAsync(0);
        var clientPage = new Uri(admin.Url).PathAndQuery;
        await ui.LookAsync(admin, "clients-02-client-page");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview revoking everything" }).ClickAsync();
        var preview = admin.GetByTestId("revoke-preview");
        await Assertions.Expect(preview).ToContainTextAsync("In Fabrikam Legal");
        await Assertions.Expect(preview).ToContainTextAsync("In Demo MSP");
        await ui.LookAsync(admin, "clients-03-revoke-preview");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke all 2 shares now" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("2 shares ended");
        await Assertions.Expect(admin.GetByTestId("shared-out")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByTestId("shared-in")).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Link, new() { Name = "What needs rotation" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("row").Filter(new() { HasText = "Printer admin (Fabrikam office)" })).ToContainTextAsync("needs rotation");
        await ui.LookAsync(admin, "clients-04-revoked-needs-rotation");
        await admin.GotoAsync(clientPage);

        // Its audit filter: only what happened between the MSP and this client.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Audit with this client" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("Only the events with Fabrikam Legal")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("tbody tr").Filter(new() { HasText = "Contoso" })).ToHaveCountAsync(0);
        await ui.LookAsync(admin, "clients-05-audit");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_site_admin_makes_the_marketing_group_the_msp_shares_with_it_view_only_and_the_group_page_lists_the_share()
    {
        // The seed story: Contoso's admin makes "Marketing" with two colleagues, by email.
        var site = await ui.SignInAsync(SiteAdmin);
        var errors = UiHost.ErrorsOf(site);
        await site.GotoAsync("/groups");
        await site.GetByLabel("Name").FillAsync("Marketing");
        await site.GetByLabel("Members' emails").FillAsync("technician@contoso-dental.example\nmember@contoso-dental.example");
        await site.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("Group \"Marketing\" created with 2 members.");
        await ui.LookAsync(site, "groups-00-created");

        // An MSP technician shares a credential with Contoso's Marketing group, View only, from the list.
        var api = await ui.ApiAsync("technician@demo-msp.example");
        var secret = $"newsletter-{Guid.NewGuid():N}";
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Newsletter platform", username = "contoso", secret })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var tech = await ui.SignInAsync("technician@demo-msp.example");
        await tech.GotoAsync("/credentials?q=Newsletter");
        await tech.GetByLabel("Select Newsletter platform", new() { Exact = true }).CheckAsync();
        await tech.GetByLabel("With selected").SelectOptionAsync("share");
        await tech.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var dialog = tech.GetByTestId("share-dialog");
        await dialog.GetByLabel("Tenant").SelectOptionAsync(new SelectOptionValue { Label = "Contoso Dental" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Show its people" }).ClickAsync();
        await dialog.GetByLabel("Group: Marketing").CheckAsync();
        await dialog.GetByLabel("Everyone").UncheckAsync();
        await dialog.GetByLabel("Permission").SelectOptionAsync("View");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(tech.GetByTestId("preview")).ToContainTextAsync("1 shared");
        await ui.LookAsync(tech, "groups-01-share-with-marketing");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(tech.GetByTestId("outcome")).ToContainTextAsync("shared");

        // The group page says where Marketing is used; a member sees the credential, the site's Technician too.
        await site.GotoAsync("/groups");
        await site.GetByRole(AriaRole.Link, new() { Name = "Marketing" }).ClickAsync();
        await Assertions.Expect(site.GetByTestId("members").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(site.GetByTestId("group-shares")).ToContainTextAsync("Newsletter platform");
        await Assertions.Expect(site.GetByTestId("group-shares")).ToContainTextAsync("from Demo MSP · View");
        await ui.LookAsync(site, "groups-02-group-page");
        var member = await ui.SignInAsync("member@contoso-dental.example");
        await member.GotoAsync("/credentials?sharing=in");
        await Assertions.Expect(member.GetByTestId("row").Filter(new() { HasText = "Newsletter platform" })).ToBeVisibleAsync();
        (await member.ContentAsync()).ShouldNotContain(secret);

        // Removing a member takes the credential away from them at once.
        await site.GetByRole(AriaRole.Button, new() { Name = "Remove Contoso Dental Member from Marketing" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("is no longer a member");
        await member.GotoAsync("/credentials?sharing=in");
        await ui.LoadedAsync(member);
        await Assertions.Expect(member.GetByTestId("row").Filter(new() { HasText = "Newsletter platform" })).ToHaveCountAsync(0);
        errors.ShouldBeEmpty();
        id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task A_site_admin_invites_a_colleague_changes_their_role_disables_them_and_resets_their_second_step()
    {
        var site = await ui.SignInAsync(SiteAdmin);
        await site.GotoAsync("/users");
        await site.GetByLabel("Email").FillAsync("dana@contoso-dental.example");
        await site.GetByLabel("Name", new() { Exact = true }).FillAsync("Dana Hygienist");
        await site.GetByLabel("Role").SelectOptionAsync("Member");
        await site.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation sent to dana@contoso-dental.example.");
        await ui.LookAsync(site, "users-00-invited");

        await site.GotoAsync("/users");
        await site.GetByTestId("users").GetByRole(AriaRole.Link, new() { Name = "Contoso Dental Technician" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Heading, new() { Name = "Contoso Dental Technician" })).ToBeVisibleAsync();
        await site.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Member");
        await site.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Assertions.Expect(site.Locator(".lead")).ToContainTextAsync("Member");
        await site.GetByRole(AriaRole.Button, new() { Name = "Disable Contoso Dental Technician" }).ClickAsync();
        await Assertions.Expect(site.Locator(".lead")).ToContainTextAsync("disabled");
        await site.GetByRole(AriaRole.Button, new() { Name = "End every session" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await site.GetByRole(AriaRole.Button, new() { Name = "Reset two-step sign-in" }).ClickAsync();
        await Assertions.Expect(site.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await ui.LookAsync(site, "users-01-user-page");

        // Disabled means disabled: the password no longer opens a session.
        var refused = await ui.NewPageAsync();
        await ui.EnterPasswordAsync(refused, "technician@contoso-dental.example");
        await Assertions.Expect(refused.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await site.GetByRole(AriaRole.Button, new() { Name = "Enable Contoso Dental Technician" }).ClickAsync();
        await Assertions.Expect(site.Locator(".lead")).Not.ToContainTextAsync("disabled");
    }

    [Fact]
    public async Task An_admin_sets_every_policy_on_one_page_makes_and_revokes_a_tenant_key_and_a_member_manages_their_profile()
    {
        var admin = await ui.SignInAsync(SiteAdmin);
        await admin.GotoAsync("/settings");
        await admin.GetByLabel("Sign out after idle (minutes)").FillAsync("20");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sign-in policy" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByLabel("Sign out after idle (minutes)")).ToHaveValueAsync("20");
        await admin.GetByLabel("Longest a link may live (minutes)").FillAsync("600");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save link policy" }).ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Longest a link may live (minutes)")).ToHaveValueAsync("600");
        await admin.GetByLabel("Keep events for (days)").FillAsync("400");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save retention" }).ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Keep events for (days)")).ToHaveValueAsync("400");
        await ui.LookAsync(admin, "settings-00-policies");

        // Opening the page while single sign-on is not set up is no refused request in the audit log.
        await admin.GotoAsync("/audit?type=request.refused");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("tbody tr")).ToHaveCountAsync(0);
        await admin.GotoAsync("/settings");

        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Backup sync");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make key" }).ClickAsync();
        var key = await admin.GetByTestId("new-key").Locator("code#new-key-value").TextContentAsync();
        key.ShouldNotBeNullOrWhiteSpace();
        await ui.LookAsync(admin, "settings-01-key-made");
        using (var http = new HttpClient { BaseAddress = ui.Host.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            (await http.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke the key Backup sync" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Key \"Backup sync\" revoked.");
            (await http.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await admin.ContentAsync()).ShouldNotContain(key!, customMessage: "a key is shown once");

        // A member's profile: facts, second step, sessions, their own keys.
        var member = await ui.SignInAsync("member@fabrikam-legal.example");
        await member.GetByTestId("who").ClickAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = "Profile and password" }).ClickAsync();
        await ui.ArrivedAtAsync(member, "/profile");
        await ui.LookAsync(member, "profile-00");
        await member.GetByRole(AriaRole.Link, new() { Name = "Your API keys" }).ClickAsync();
        await member.GetByLabel("Name", new() { Exact = true }).FillAsync("My script");
        await member.GetByRole(AriaRole.Button, new() { Name = "Make key" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("api-keys")).ToContainTextAsync("My script");
        await ui.LookAsync(member, "profile-01-own-key");
    }

    [Fact]
    public async Task Home_shows_a_technician_what_needs_them_and_an_msp_admin_the_clients_overview()
    {
        // A link share made an hour ago for a visitor ends within the hour.
        var api = await ui.ApiAsync("technician@demo-msp.example");
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Meeting room screen", secret = $"screen-{Guid.NewGuid():N}" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await api.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "Screen for the auditor", expiresInMinutes = 60, maxViews = 1 }).ReadJsonAsync(HttpStatusCode.Created);

        var tech = await ui.SignInAsync("technician@demo-msp.example");
        await Assertions.Expect(tech.GetByRole(AriaRole.Heading, new() { Name = "Needs rotation" })).ToBeVisibleAsync();
        await Assertions.Expect(tech.GetByTestId("ending-soon")).ToContainTextAsync("Wi-Fi (Contoso guests)");
        await Assertions.Expect(tech.GetByTestId("ending-soon")).ToContainTextAsync("Screen for the auditor");
        await Assertions.Expect(tech.GetByRole(AriaRole.Heading, new() { Name = "Your clients" })).ToHaveCountAsync(0);
        await ui.LookAsync(tech, "home-00-technician");

        var admin = await ui.SignInAsync(MspAdmin);
        await Assertions.Expect(admin.GetByTestId("clients").Locator("tbody tr").Filter(new() { HasText = "Contoso Dental" })).ToContainTextAsync("4");
        await ui.LookAsync(admin, "home-01-msp-admin");
        await admin.SetViewportSizeAsync(820, 1180); // a tablet held upright
        await ui.LookAsync(admin, "home-02-tablet");
        var overflow = await admin.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        overflow.ShouldBeFalse("nothing runs off a tablet's screen");
    }
}
