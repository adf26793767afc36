using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// An import's transaction that fails for a reason worth repeating (here a serialization failure, which a database
/// under load answers) runs again from the start; the entries' secret values, kept sealed in the spool, are read again
/// for it, so the second run writes the vault the first would have.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportRetryTests(PostgresApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task An_import_whose_transaction_is_run_again_after_a_transient_failure_writes_every_secret_field_version_and_file_once()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;

        // The first attachment row the import's transaction writes fails it, once: the sequence is not rolled back with it.
        await App.Database.ExecuteAsync("""
            CREATE SEQUENCE credentials.fail_once;
            CREATE FUNCTION credentials.fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('credentials.fail_once') = 1 THEN
                    RAISE EXCEPTION 'forced serialization failure' USING ERRCODE = '40001';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER fail_once BEFORE INSERT ON credentials.attachments FOR EACH ROW EXECUTE FUNCTION credentials.fail_once();
            """);
        try
        {
            var report = await ImportTests.ImportAsync(admin, "keepass.xml");

            report.Created.ShouldBe(3);
            report.Files.ShouldBe(2);
            (await App.Database.ScalarAsync<long>("SELECT last_value FROM credentials.fail_once")).ShouldBeGreaterThan(1, "the transaction ran a second time");
        }
        finally
        {
            await App.Database.ExecuteAsync("""
                DROP TRIGGER fail_once ON credentials.attachments;
                DROP FUNCTION credentials.fail_once();
                DROP SEQUENCE credentials.fail_once;
                """);
        }

        (await ImportTests.VaultAsync(admin)).ShouldBe(string.Join('\n',
            "/ | Note | Licence keys | user  | url  | notes Office: XXXXX-11111",
            "Clients/Contoso | Password | Edge firewall | user admin | url https://fw.contoso.local | tags core,network | totp JBSWY3DPEHPK3PXP | secret Edge#3 | notes HA pair"
                + " | fields Serial=FG100F-1234, Recovery key*=RK-5555 | history Edge#1 < Edge#2 | files config.conf=hello",
            "Clients/Contoso/Servers | Password | Hypervisor | user root | url  | totp JBSWY3DPEHPK3PXP | secret Hv!42 | files hosts.txt=esxi host list\\n"));
    }
}
