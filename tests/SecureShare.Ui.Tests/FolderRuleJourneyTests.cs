using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A folder share rule in Chromium: the MSP's admin opens a folder's sharing rules, previews a rule that shares what is
/// in it with a client (who would gain access), saves it, and the client sees the credential without the folder.
/// </summary>
public sealed class FolderRuleJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Admin = "admin@demo-msp.example";

    [Fact]
    public async Task An_admin_previews_a_folder_rule_saves_it_and_the_client_receives_what_is_in_the_folder()
    {
        var api = await ui.ApiAsync(Admin);
        var folder = (await api.PostAsJsonAsync("/api/v1/folders", new { name = "Contoso Dental handover" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Server room door", secret = "door-4711", folderId = folder }).ReadJsonAsync(HttpStatusCode.Created);
        var page = await ui.SignInAsync(Admin);
        var errors = UiHost.ErrorsOf(page);

        await page.GotoAsync("/folders");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sharing rules of Contoso Dental handover" }).ClickAsync();
        await ui.ArrivedAtAsync(page, $"/folders/{folder}/sharing");
        await Assertions.Expect(page.GetByTestId("no-rules")).ToBeVisibleAsync();
        await ui.LookAsync(page, "folder-rule-00-none");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set, change or remove a rule" }).ClickAsync();

        var dialog = page.GetByTestId("share-dialog");
        await dialog.GetByLabel("Tenant").SelectOptionAsync(new SelectOptionValue { Label = "Contoso Dental" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.GetByTestId("preview");
        await Assertions.Expect(preview).ToContainTextAsync("1 shared");
        await Assertions.Expect(preview).ToContainTextAsync("Would gain access:");
        await Assertions.Expect(preview).ToContainTextAsync("Would lose access: nobody");
        await ui.LookAsync(page, "folder-rule-01-preview");
        var site = await ui.ApiAsync("admin@contoso-dental.example");
        (await site.CredentialsAsync()).Select(c => c.Name).ShouldNotContain("Server room door", "a preview shares nothing");

        await page.GetByTestId("share-dialog").GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Rule saved: 1 credential newly shared.");
        await Assertions.Expect(page.GetByTestId("folder-rules")).ToContainTextAsync("Contoso Dental");
        await Assertions.Expect(page.GetByTestId("folder-rules")).ToContainTextAsync("1 credential");
        await ui.LookAsync(page, "folder-rule-02-saved");

        (await site.CredentialsAsync()).Single(c => c.Name == "Server room door").FolderId.ShouldBeNull("the client gets the credential at its top, never the MSP's folder");
        errors.ShouldBeEmpty();
    }
}
