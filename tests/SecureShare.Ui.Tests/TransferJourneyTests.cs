using System.Net;
using System.Text;
using Microsoft.Playwright;
using OtpNet;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Import and export in Chromium: the MSP's admin brings a Passportal export over through the wizard — the file chosen,
/// its format detected, a dry run that reports every row and maps each client (one to its tenant by name, one proposed),
/// the mapping changed, the import confirmed with its progress and final report — and then takes the tenant out as a
/// password-protected Bitwarden export, after signing in with a second factor; then a file past the jobs' threshold is
/// imported as a job that the wizard follows to its end.
/// </summary>
public sealed class TransferJourneyTests(UiHost ui) : IClassFixture<UiHost>
{
    private const string Admin = "admin@demo-msp.example";

    private static readonly string Passportal = string.Join('\n',
        "Passportal ID,Client Name,Credential,Username,Password,Description,Expires,Notes,URL,Folder(Optional),TOTP Secret",
        "2001,Contoso Dental,Practice server,CONTOSO\\itadmin,Pm#2026,Practice management,,Rack A,https://pms.contoso-dental.example,Servers,JBSWY3DPEHPK3PXP",
        "2002,Contoso Dental,Alarm panel,,,,,Code 4711,,Site,",
        "2003,Tailspin Toys,Firewall,fwadmin,Fw!2026,,,,https://fw.tailspin.example,Network,",
        "2004,Tailspin Toys,,,,,,,,,");

    [Fact]
    public async Task An_admin_checks_an_export_in_a_dry_run_maps_its_clients_imports_it_and_exports_the_tenant_protected_by_a_password()
    {
        // The admin has an authenticator app and signs in with it: an export asks for a recent second factor.
        var api = await ui.ApiAsync(Admin);
        var secret = (await Authenticator.EnrolAsync(api, DateTimeOffset.UtcNow)).Secret;
        var page = await ui.NewPageAsync();
        var errors = UiHost.ErrorsOf(page);
        await ui.EnterPasswordAsync(page, Admin);
        await page.GetByLabel("Code from your authenticator app").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Import and export" }).ClickAsync();
        await ui.ArrivedAtAsync(page, "/transfer");
        await ui.LookAsync(page, "transfer-00-page");

        // Step 1 and 2: the file, then the dry run's report.
        await page.GetByLabel("Export file").SetInputFilesAsync(new FilePayload { Name = "passportal.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Passportal) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        var summary = page.GetByTestId("import-summary");
        await Assertions.Expect(summary).ToHaveTextAsync("Passportal CSV: 3 credentials would be imported; 1 row would be skipped. Nothing has been written yet.");
        var clients = page.GetByTestId("import-clients");
        await Assertions.Expect(clients).ToContainTextAsync("Matched by name: Contoso Dental.");
        await Assertions.Expect(clients).ToContainTextAsync("No client tenant is named Tailspin Toys");
        await Assertions.Expect(page.GetByTestId("import-skipped")).ToContainTextAsync("It has no name, URL or username to name it by.");
        await page.GetByLabel("Where the rows of Contoso Dental go").SelectOptionAsync("shared");
        await ui.LookAsync(page, "transfer-01-dry-run");
        (await api.CredentialsAsync()).Where(c => c.Name is "Practice server" or "Firewall").ShouldBeEmpty("a dry run writes nothing");

        // Step 3: the import, and its final report.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 3 credentials" }).ClickAsync();
        await Assertions.Expect(summary).ToHaveTextAsync("Imported 3 credentials from Passportal CSV; 1 row skipped.");
        await Assertions.Expect(page.GetByTestId("import-folders")).ToContainTextAsync("Contoso Dental/Servers");
        await Assertions.Expect(page.GetByTestId("import-folders")).ToContainTextAsync("Tailspin Toys/Network");
        await ui.LookAsync(page, "transfer-02-imported");
        var mine = (await api.CredentialsAsync()).Where(c => c.Name is "Practice server" or "Alarm panel" or "Firewall").ToList();
        mine.Count.ShouldBe(3, "all in the MSP's tenant: Contoso Dental's rows in its folder, shared with it");
        var site = await ui.ApiAsync("admin@contoso-dental.example");
        (await site.CredentialsAsync()).Select(c => c.Name).ShouldContain("Practice server");

        // The export: password-protected Bitwarden JSON, downloaded.
        await page.GetByLabel("File password").FillAsync("a long export passphrase");
        await page.GetByLabel("The password again").FillAsync("a long export passphrase");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("secureshare-demo-msp-");
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        file.ShouldContain("\"passwordProtected\": true");
        file.ShouldNotContain("Pm#2026");
        await Assertions.Expect(page.Locator("[data-export-status]")).ToContainTextAsync("Downloaded secureshare-demo-msp-");
        await page.GetByLabel("Bitwarden JSON, not encrypted").CheckAsync();
        await Assertions.Expect(page.GetByText("This file holds every secret in clear")).ToBeVisibleAsync();
        await ui.LookAsync(page, "transfer-03-exported");
        errors.ShouldBeEmpty();
        var audit = await api.GetAsync("/api/v1/audit?type=credentials.exported").ReadJsonAsync(HttpStatusCode.OK);
        audit.GetProperty("items").GetArrayLength().ShouldBe(1);

        // A file of more rows than the jobs' threshold (20,000): the import starts as a job and the wizard follows it.
        var rows = new StringBuilder("folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n");
        for (var i = 1; i <= 20_001; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"Estate/Block {i % 50},0,login,Workstation {i},,,0,,local\\admin,Ws!{i},\n");
        }

        await page.GetByLabel("Export file").SetInputFilesAsync(new FilePayload { Name = "estate.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(rows.ToString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("20001 credentials would be imported", new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 20001 credentials" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-outcome")).ToHaveTextAsync("Imported 20,001 credentials; 0 rows skipped.", new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import" })).ToBeVisibleAsync();
        await ui.LookAsync(page, "transfer-04-import-job");
        errors.ShouldBeEmpty();
        (await api.GetAsync("/api/v1/audit?type=credentials.imported").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(2);
    }
}
