using System.Net;
using SecureShare.Testing;

namespace SecureShare.Tests;

public sealed record ClientView(string Client, int Entries, string Placement, Guid? TenantId, string? TenantName, bool Matched, string? Proposal);

public sealed record MspImportView(int Created, IReadOnlyList<TenantCountView> ByTenant, IReadOnlyList<ClientView> Clients);

/// <summary>
/// The MSP formats (Passportal, IT Glue, Hudu), whose rows each name a client: a sample file of each, imported by an MSP
/// with no client tenants (every client's rows in the MSP's folder for it), and the routing of rows to client tenants as
/// the MSP decides — into the client's own tenant, or into the MSP's folder for it, shared with it.
/// </summary>
public abstract class ImportMspTests(TestApp app) : DatabaseTest(app)
{
    private static string Vault(params string[] lines) => string.Join('\n', lines);

    private static string Proposal(string client) =>
        $"No client tenant is named {client}: create it (Clients) and map these rows to it, or keep them in the MSP's folder {client}.";

    [Fact]
    public async Task A_Passportal_CSV_puts_each_clients_rows_in_a_folder_for_it_and_keeps_the_Passportal_id_expiry_and_an_extra_column_as_a_secret_field()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportTests.ImportAsync(admin, "passportal.csv");

        report.Format.ShouldBe("passportal-csv");
        report.Created.ShouldBe(3);
        report.Skipped.ShouldBe([new SkippedView(5, null, "It has no name, URL or username to name it by.")]);
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "Contoso/Servers/Domain | Password | Domain admin | user CONTOSO\\admin | url https://dc01.contoso.local | totp JBSWY3DPEHPK3PXP | secret Dc#2026 | notes Rotate quarterly"
                + " | description Domain controller | fields Passportal ID=1001, Expires=2027-01-31",
            "Contoso/Site | Note | Alarm panel | user  | url  | notes Code 4711 | fields Passportal ID=1002",
            "Fabrikam/Network | Password | Firewall | user fwadmin | url https://fw.fabrikam.com | secret Fw!2026 | fields Passportal ID=1003, Enable Password*=en-9!x"));
    }

    [Fact]
    public async Task An_IT_Glue_passwords_CSV_keeps_its_folders_category_as_a_tag_OTP_secret_and_id_and_drops_the_code_of_the_moment()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportTests.ImportAsync(admin, "itglue.csv");

        report.Format.ShouldBe("itglue-csv");
        report.Created.ShouldBe(2);
        report.Skipped.ShouldBe([new SkippedView(4, null, "It has no name, URL or username to name it by.")]);
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "Contoso/Storage/NAS | Password | Backup NAS | user nasadmin | url https://nas.contoso.local | tags Storage | totp JBSWY3DPEHPK3PXP | secret Nas#1 | notes Shelf 2"
                + " | fields IT Glue ID=5001, vendor_contract*=VC-77",
            "Northwind | Note | Printer codes | user  | url  | notes Toner code 12 | fields IT Glue ID=5002"));
    }

    [Fact]
    public async Task A_Hudu_CSV_keeps_its_folders_type_as_a_tag_OTP_secret_and_id_and_an_extra_column_as_a_secret_field()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        var report = await ImportTests.ImportAsync(admin, "hudu.csv");

        report.Format.ShouldBe("hudu-csv");
        report.Created.ShouldBe(2);
        report.Skipped.ShouldBe([new SkippedView(4, null, "It has no name, URL or username to name it by.")]);
        (await ImportTests.VaultAsync(admin)).ShouldBe(Vault(
            "Contoso/Servers/Virtual | Password | Hypervisor | user root | url https://esx01.contoso.local | tags Server | totp JBSWY3DPEHPK3PXP | secret Hv!42 | notes Cluster A"
                + " | fields Hudu ID=7001, pin*=2468",
            "Contoso/Site | Note | Door codes | user  | url  | notes Front 4711 | fields Hudu ID=7002"));
    }

    [Fact]
    public async Task Passportal_and_IT_Glue_rows_go_to_the_client_tenant_of_their_name_or_to_the_MSPs_folder_for_the_client_shared_with_it_as_the_MSP_decides()
    {
        var family = await App.Family().Client("Contoso").Client("Northwind").BuildAsync();
        var msp = family.Admin.Api;
        var (contoso, northwind) = (family.Client("Contoso"), family.Client("Northwind"));

        var preview = await msp.PostAsync("/api/v1/imports", ImportTests.Form("passportal.csv", Sample("passportal.csv"), ("dryRun", "true"))).ReadAsync<MspImportView>(HttpStatusCode.OK);

        preview.Clients.ShouldBe(
        [
            new ClientView("Contoso", 2, "client", contoso.Id, "Contoso", true, null),
            new ClientView("Fabrikam", 1, "msp", null, null, false, Proposal("Fabrikam")),
        ]);
        preview.ByTenant.Select(t => (t.TenantId, t.Count)).ShouldBe([(contoso.Id, 2), (family.MspId, 1)]);
        (await msp.CredentialsAsync()).ShouldBeEmpty();
        (await contoso.Admin.Api.CredentialsAsync()).ShouldBeEmpty();

        var passportal = await msp.PostAsync("/api/v1/imports", ImportTests.Form("passportal.csv", Sample("passportal.csv"),
            ("clientMapping", $$$"""{"Contoso":{"placement":"client","tenantId":"{{{contoso.Id}}}"},"Fabrikam":{"placement":"msp"}}"""))).ReadAsync<MspImportView>(HttpStatusCode.OK);
        var itGlue = await msp.PostAsync("/api/v1/imports", ImportTests.Form("itglue.csv", Sample("itglue.csv"),
            ("clientMapping", $$$"""{"Contoso":{"placement":"client","tenantId":"{{{contoso.Id}}}"},"Northwind":{"placement":"shared","tenantId":"{{{northwind.Id}}}"}}"""))).ReadAsync<MspImportView>(HttpStatusCode.OK);

        (passportal.Created, itGlue.Created).ShouldBe((3, 2));
        itGlue.Clients.Select(c => (c.Client, c.Placement, c.TenantId)).ShouldBe([("Contoso", "client", contoso.Id), ("Northwind", "shared", northwind.Id)]);
        (await ImportTests.VaultAsync(contoso.Admin.Api)).ShouldBe(Vault(
            "Servers/Domain | Password | Domain admin | user CONTOSO\\admin | url https://dc01.contoso.local | totp JBSWY3DPEHPK3PXP | secret Dc#2026 | notes Rotate quarterly"
                + " | description Domain controller | fields Passportal ID=1001, Expires=2027-01-31",
            "Site | Note | Alarm panel | user  | url  | notes Code 4711 | fields Passportal ID=1002",
            "Storage/NAS | Password | Backup NAS | user nasadmin | url https://nas.contoso.local | tags Storage | totp JBSWY3DPEHPK3PXP | secret Nas#1 | notes Shelf 2"
                + " | fields IT Glue ID=5001, vendor_contract*=VC-77"));
        (await ImportTests.VaultAsync(msp)).ShouldBe(Vault(
            "Fabrikam/Network | Password | Firewall | user fwadmin | url https://fw.fabrikam.com | secret Fw!2026 | fields Passportal ID=1003, Enable Password*=en-9!x",
            "Northwind | Note | Printer codes | user  | url  | notes Toner code 12 | fields IT Glue ID=5002"));
        (await northwind.Admin.Api.CredentialsAsync()).Select(c => (c.Name, c.Origin.TenantId)).ShouldBe([("Printer codes", family.MspId)]);
        (await contoso.Admin.Api.AuditTypesAsync("type=credential.created")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_client_mapping_that_names_another_MSPs_client_is_a_404_and_one_naming_no_client_of_the_file_a_400_and_neither_writes()
    {
        var family = await App.Family().Client("Contoso").BuildAsync();
        var other = await App.Family().Client("Elsewhere").BuildAsync();
        var msp = family.Admin.Api;

        await msp.PostAsync("/api/v1/imports", ImportTests.Form("passportal.csv", Sample("passportal.csv"),
            ("clientMapping", $$$"""{"Contoso":{"placement":"client","tenantId":"{{{other.Client("Elsewhere").Id}}}"}}"""))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var stray = await msp.PostAsync("/api/v1/imports", ImportTests.Form("passportal.csv", Sample("passportal.csv"),
            ("clientMapping", """{"Tailspin":{"placement":"msp"}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        stray.GetProperty("errors").GetProperty("clientMapping")[0].GetString().ShouldBe("clientMapping names the client \"Tailspin\", which no row of the file has.");
        (await msp.CredentialsAsync()).ShouldBeEmpty();
        (await family.Client("Contoso").Admin.Api.CredentialsAsync()).ShouldBeEmpty();
        (await other.Client("Elsewhere").Admin.Api.CredentialsAsync()).ShouldBeEmpty();
    }

    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "ImportSamples", name));
}

[Collection(SqliteCollection.Name)]
public sealed class ImportMspTests_Sqlite(SqliteApp app) : ImportMspTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportMspTests_Postgres(PostgresApp app) : ImportMspTests(app);
