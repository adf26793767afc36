using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Files in Chromium: a technician attaches a router's config backup (chosen) and a certificate (dropped) on the credential's
/// page; the client's site admin downloads it from the share; a recipient without an account downloads it from a link,
/// opened in the page with the link's key. The server's log holds no key and no byte of the file.
/// </summary>
public sealed class FileJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    [Fact]
    public async Task A_file_attached_in_the_browser_is_downloaded_by_the_target_side_and_by_a_link_recipient()
    {
        var marker = $"enable secret 5 $1$contoso-{Guid.NewGuid():N}";
        var backup = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"hostname contoso-core\n{marker}\n", 40_000))); // ~3 MB: several chunks
        var api = await ui.ApiAsync("technician@demo-msp.example");
        var contoso = (await api.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "Contoso Dental").GetProperty("id").GetGuid();
        var id = (await api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Contoso core router", username = "admin", secret = "router-secret" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{contoso}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);

        // The technician attaches the backup through the picker, and a certificate by dropping it on the page.
        var tech = await ui.SignInAsync("technician@demo-msp.example");
        var errors = UiHost.ErrorsOf(tech);
        await tech.GotoAsync($"/credentials/{id}");
        await tech.Locator("[data-drop] input[type='file']").SetInputFilesAsync(new FilePayload { Name = "contoso-core.cfg", MimeType = "text/plain", Buffer = backup });
        var files = tech.GetByTestId("attachments");
        await Assertions.Expect(files).ToContainTextAsync("contoso-core.cfg");
        var dropped = await tech.EvaluateHandleAsync("""
            () => {
              const transfer = new DataTransfer();
              transfer.items.add(new File(["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"], "vpn-ca.pem", { type: "application/x-pem-file" }));
              return transfer;
            }
            """);
        await tech.Locator("[data-drop]").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dropped });
        await Assertions.Expect(files).ToContainTextAsync("vpn-ca.pem");
        await Assertions.Expect(files).ToContainTextAsync((backup.Length / (1024.0 * 1024)).ToString("0.0 MB", System.Globalization.CultureInfo.InvariantCulture));
        await ui.LookAsync(tech, "files-00-attached");

        // It goes into a link with the backup only.
        await tech.GetByLabel("Title the recipient sees").FillAsync("Router config for the Contoso migration");
        await tech.GetByRole(AriaRole.Checkbox, new() { Name = "contoso-core.cfg" }).CheckAsync();
        await tech.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Assertions.Expect(tech.GetByTestId("new-link")).ToBeVisibleAsync();
        var url = await tech.Locator("#new-link-url").TextContentAsync() ?? string.Empty;
        var key = new Uri(url).Fragment.TrimStart('#');

        // The client's site admin downloads it from the share.
        var site = await ui.SignInAsync("admin@contoso-dental.example");
        await site.GotoAsync($"/credentials/{id}");
        await Assertions.Expect(site.GetByRole(AriaRole.Button, new() { Name = "Delete contoso-core.cfg" })).ToHaveCountAsync(0);
        var download = await site.RunAndWaitForDownloadAsync(() => site.GetByRole(AriaRole.Button, new() { Name = "Download contoso-core.cfg" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("contoso-core.cfg");
        (await File.ReadAllBytesAsync(await download.PathAsync())).ShouldBe(backup);
        await ui.LookAsync(site, "files-01-target");

        // A recipient without an account opens the link and downloads the file, opened in the page.
        var recipient = await ui.NewPageAsync();
        var recipientErrors = UiHost.ErrorsOf(recipient);
        await recipient.GotoAsync(url);
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Show the secret" }).ClickAsync();
        await Assertions.Expect(recipient.GetByRole(AriaRole.Button, new() { Name = "Download contoso-core.cfg" })).ToBeVisibleAsync();
        await Assertions.Expect(recipient.GetByRole(AriaRole.Button, new() { Name = "Download vpn-ca.pem" })).ToHaveCountAsync(0);
        var fromLink = await recipient.RunAndWaitForDownloadAsync(() => recipient.GetByRole(AriaRole.Button, new() { Name = "Download contoso-core.cfg" }).ClickAsync());
        fromLink.SuggestedFilename.ShouldBe("contoso-core.cfg");
        (await File.ReadAllBytesAsync(await fromLink.PathAsync())).ShouldBe(backup);
        await ui.LookAsync(recipient, "files-02-recipient");

        // The technician replaces the backup; the old one stays as a version; the audit log shows both downloads.
        await tech.GotoAsync($"/credentials/{id}");
        await tech.GetByLabel("Replace contoso-core.cfg").SetInputFilesAsync(new FilePayload { Name = "contoso-core.cfg", MimeType = "text/plain", Buffer = Encoding.ASCII.GetBytes("hostname contoso-core-2\n") });
        await Assertions.Expect(files).ToContainTextAsync("earlier: contoso-core.cfg");
        await ui.LookAsync(tech, "files-03-replaced");
        var admin = await ui.ApiAsync("admin@demo-msp.example");
        var events = (await admin.GetAsync($"/api/v1/audit?credentialId={id}&type=credential.attachment.downloaded").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items");
        events.GetArrayLength().ShouldBe(1, "the site admin's download, in the MSP's log too");

        // A File credential from the new-credential page: saved, then its one file attached on its page.
        await tech.GotoAsync("/credentials/new");
        await tech.Locator("#kind").SelectOptionAsync(new SelectOptionValue { Value = "File" });
        await tech.Locator("#name").FillAsync("Portal deploy key");
        await tech.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(tech.GetByRole(AriaRole.Heading, new() { Name = "File", Exact = true })).ToBeVisibleAsync();
        await tech.Locator("[data-drop] input[type='file']").SetInputFilesAsync(new FilePayload { Name = "deploy_ed25519", MimeType = "application/octet-stream", Buffer = Encoding.ASCII.GetBytes("-----BEGIN OPENSSH PRIVATE KEY-----\n") });
        await Assertions.Expect(tech.GetByTestId("attachments")).ToContainTextAsync("deploy_ed25519");
        await Assertions.Expect(tech.Locator("[data-drop]")).ToHaveCountAsync(0); // its one file: replace it, no second one
        await ui.LookAsync(tech, "files-04-file-credential");

        errors.ShouldBeEmpty();
        recipientErrors.ShouldBeEmpty();
        var log = string.Join('\n', ui.Host.Output);
        log.ShouldNotContain(key);
        log.ShouldNotContain(marker);
    }
}
