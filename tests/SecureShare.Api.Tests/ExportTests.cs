using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Export: an Admin who signed in with a second factor in the last 15 minutes takes the tenant's own credentials (or a
/// folder's) out as Bitwarden JSON, plain or password-protected, or Bitwarden's CSV; every exported secret counts as
/// revealed; and an export imported into an empty tenant gives back the same vault, field by field and version by version.
/// </summary>
public abstract class ExportTests(TestApp app) : DatabaseTest(app)
{
    private const string ExportPassword = "correct horse battery staple";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private static Task<HttpResponseMessage> ExportAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/exports", body);

    /// <summary>A vault with every kind of thing an export must carry: the Bitwarden sample, an API secret, a note, a full earlier version, an empty subfolder.</summary>
    private static async Task<Guid> FillAsync(HttpClient admin)
    {
        await ImportTests.ImportAsync(admin, "bitwarden.json");
        var archive = (await admin.PostAsJsonAsync("/api/v1/folders", new { name = "Archive" }).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await admin.PostAsJsonAsync("/api/v1/folders", new { name = "2025", parentId = archive }).ReadJsonAsync(HttpStatusCode.Created);
        var api = await admin.PostAsJsonAsync("/api/v1/credentials", new
        {
            kind = "ApiSecret",
            name = "Billing API",
            description = "Invoices sync",
            username = "key-id-42",
            secret = "sk_live_first",
            url = "https://billing.example.com/api",
            notes = "Owner: finance",
            tags = new[] { "Finance", "Favorite" },
            totpSeed = "JBSWY3DPEHPK3PXP",
            customFields = new object[] { new { name = "Webhook secret", value = "whsec_1", secret = true }, new { name = "Region", value = "eu", secret = false } },
            folderId = archive,
        }).CreatedIdAsync();
        await admin.PatchAsJsonAsync($"/api/v1/credentials/{api}", new
        {
            secret = "sk_live_second",
            notes = "Owner: finance (rotated)",
            customFields = new object[] { new { name = "Webhook secret", value = "whsec_2", secret = true }, new { name = "Region", value = "eu", secret = false } },
        }).ReadJsonAsync(HttpStatusCode.OK);
        await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Note", name = "Escalation list", notes = "1. NOC\n2. On call", description = "Who to call" })
            .CreatedIdAsync();
        return archive;
    }

    /// <summary>Every version of every credential, by name, with all its values: what a round trip must keep beyond the vault's current state.</summary>
    private static async Task<string> HistoryAsync(HttpClient client)
    {
        var lines = new List<string>();
        foreach (var item in (await client.CredentialsAsync()).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var versions = await client.GetAsync($"/api/v1/credentials/{item.Id}/versions").ReadAsync<List<CredentialVersion>>(HttpStatusCode.OK);
            lines.AddRange(versions.OrderBy(v => v.Version).Select(v => $"{item.Name} v{v.Version} {v.ReplacedAt.UtcDateTime:O} {JsonSerializer.Serialize(v.Values)}"));
        }

        return string.Join('\n', lines);
    }

    private static async Task<List<string>> FolderPathsAsync(HttpClient client)
    {
        var folders = await client.GetAsync("/api/v1/folders").ReadAsync<List<FolderView>>(HttpStatusCode.OK);
        string PathOf(FolderView f) => f.ParentId is { } parent ? $"{PathOf(folders.Single(p => p.Id == parent))}/{f.Name}" : f.Name;
        return [.. folders.Select(PathOf).Order(StringComparer.Ordinal)];
    }

    private Task<HttpClient> AdminWithSecondFactorAsync(MspFamily family) => AdminWithSecondFactorAsync(App, family);

    /// <summary>The family's Admin with an authenticator app, signed in again with it: a session that began with a second factor.</summary>
    internal static async Task<HttpClient> AdminWithSecondFactorAsync(TestApp app, MspFamily family)
    {
        var authenticator = await Authenticator.EnrolAsync(family.Admin.Api, DateTimeOffset.UtcNow);
        return app.ClientWithToken(await SignInWithCodeAsync(app.CreateClient(), family.Admin.Email, authenticator, DateTimeOffset.UtcNow));
    }

    /// <summary>A sign-in with the password and the next time step's code (enrolment used this one's): its access token.</summary>
    private static async Task<string> SignInWithCodeAsync(HttpClient anonymous, string email, Authenticator authenticator, DateTimeOffset now)
    {
        var due = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Api.Password }).ReadJsonAsync(HttpStatusCode.OK);
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/mfa", new { mfaToken = due.GetProperty("mfaToken").GetString(), code = authenticator.CodeAt(now.AddSeconds(30)) })
            .ReadJsonAsync(HttpStatusCode.OK);
        return login.GetProperty("accessToken").GetString()!;
    }

    [Theory]
    [InlineData("bitwarden-json")]
    [InlineData("bitwarden-json-encrypted")]
    public async Task An_export_imported_into_an_empty_tenant_gives_back_every_folder_credential_field_and_version(string format)
    {
        var source = await AdminWithSecondFactorAsync(await App.Family().BuildAsync());
        await FillAsync(source);
        var password = format == "bitwarden-json-encrypted" ? ExportPassword : null;

        var response = await ExportAsync(source, new { format, password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var file = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(file);
        if (password is not null)
        {
            text.ShouldNotContain("sk_live_second");
            text.ShouldContain("\"passwordProtected\": true");
        }

        var target = (await App.Family().BuildAsync()).Admin.Api;
        var fields = password is null ? [] : new[] { ("password", password) };
        var report = await target.PostAsync("/api/v1/imports", ImportTests.Form("export.json", file, fields)).ReadAsync<ImportView>(HttpStatusCode.OK);

        report.Format.ShouldBe("bitwarden-json");
        report.Created.ShouldBe(7);
        report.Skipped.ShouldBeEmpty();
        report.Warnings.ShouldBeEmpty();
        (await ImportTests.VaultAsync(target)).ShouldBe(await ImportTests.VaultAsync(source));
        (await HistoryAsync(target)).ShouldBe(await HistoryAsync(source));
        (await FolderPathsAsync(target)).ShouldBe(await FolderPathsAsync(source));
        (await FolderPathsAsync(target)).ShouldContain("Archive/2025", "an empty folder comes over too");
    }

    [Fact]
    public async Task A_folder_exports_with_its_subfolders_only_and_CSV_is_Bitwardens_layout_that_imports_back()
    {
        var source = await AdminWithSecondFactorAsync(await App.Family().BuildAsync());
        await FillAsync(source);
        var clients = (await source.GetAsync("/api/v1/folders").ReadAsync<List<FolderView>>(HttpStatusCode.OK)).Single(f => f.Name == "Clients").Id;

        var response = await ExportAsync(source, new { format = "csv", folderId = clients });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        csv.Split('\n')[0].TrimEnd('\r').ShouldBe("folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp");
        var target = (await App.Family().BuildAsync()).Admin.Api;
        var report = await target.PostAsync("/api/v1/imports", ImportTests.Form("export.csv", Encoding.UTF8.GetBytes(csv))).ReadAsync<ImportView>(HttpStatusCode.OK);
        report.Format.ShouldBe("bitwarden-csv");
        (await ImportTests.VaultAsync(target)).ShouldBe(string.Join('\n',
            "Clients/Contoso | Note | Alarm codes | user  | url  | notes Front door 4711",
            "Clients/Contoso/Servers | Password | Domain controller | user CONTOSO\\administrator | url https://dc01.contoso.local | tags Favorite | totp JBSWY3DPEHPK3PXP | secret Current#3 | notes Primary DC"
                + " | fields URL 2*=rdp://dc01, Site*=HQ, DSRM password*=Dsrm#2026, Backed up*=true"));
    }

    [Fact]
    public async Task Every_exported_secret_counts_as_revealed_in_the_who_knew_this_report()
    {
        var family = await App.Family().BuildAsync();
        var admin = await AdminWithSecondFactorAsync(family);
        await FillAsync(admin);
        var all = (await admin.CredentialsAsync()).Select(c => c.Id).Order().ToList();

        (await ExportAsync(admin, new { format = "bitwarden-json" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var exposure = await admin.GetAsync($"/api/v1/users/{family.Admin.UserId}/exposure").ReadAsync<ExposureAnswer>(HttpStatusCode.OK);
        var mine = exposure.Tenants.Single(t => t.TenantId == family.MspId).Credentials;
        mine.Select(c => c.CredentialId).Order().ShouldBe(all);
        mine.ShouldAllBe(c => c.Reads.Contains("credentials.exported"));
        foreach (var id in all)
        {
            (await admin.AuditTypesAsync(id)).ShouldContain("credentials.exported");
        }
    }

    [Fact]
    public async Task An_export_needs_an_Admin_in_person_with_a_second_factor_and_a_sign_in_from_the_last_fifteen_minutes()
    {
        var family = await App.Family().With("tech", "Technician").BuildAsync();
        await FillAsync(family.Admin.Api);

        var noFactor = await ExportAsync(family.Admin.Api, new { format = "bitwarden-json" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        noFactor.GetProperty("detail").GetString()!.ShouldContain("needs a second factor");
        await Authenticator.EnrolAsync(family["tech"].Api, DateTimeOffset.UtcNow);
        await ExportAsync(family["tech"].Api, new { format = "bitwarden-json" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var admin = await AdminWithSecondFactorAsync(family);
        (await ExportAsync(family.Admin.Api, new { format = "bitwarden-json" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("sign in again", customMessage: "enrolling a factor in a session begun with the password alone proves nothing of who enrolled it");
        var key = (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "Backup job", role = "Admin", readOnly = false }).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("key").GetString()!;
        var byKey = App.ClientWithToken(key);
        (await ExportAsync(byKey, new { format = "bitwarden-json" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("an API key may not");

        (await admin.AuditTypesAsync((await admin.CredentialsAsync())[0].Id)).ShouldNotContain("credentials.exported");
    }

    [Fact]
    public async Task A_sign_in_older_than_fifteen_minutes_may_not_export()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(_clock));
        var msp = await App.SignupMspAsync();
        var authenticator = await Authenticator.EnrolAsync(await App.ClientForAsync(msp.AdminEmail), _clock.GetUtcNow());
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInWithCodeAsync(factory.CreateClient(), msp.AdminEmail, authenticator, _clock.GetUtcNow()));
        (await ExportAsync(admin, new { format = "csv" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        _clock.Advance(TimeSpan.FromMinutes(16));

        (await ExportAsync(admin, new { format = "csv" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("sign in again");
    }

    [Fact]
    public async Task Bad_export_requests_are_problems_and_another_tenants_folder_is_not_found()
    {
        var family = await App.Family().Client("Contoso").BuildAsync();
        var admin = await AdminWithSecondFactorAsync(family);
        await FillAsync(admin);
        var theirs = (await family.Client("Contoso").Admin.Api.PostAsJsonAsync("/api/v1/folders", new { name = "Theirs" }).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        foreach (var (body, field) in new (object, string)[]
        {
            (new { }, "format"),
            (new { format = "bitwarden-json-encrypted" }, "password"),
            (new { format = "bitwarden-json-encrypted", password = "short" }, "password"),
            (new { format = "csv", password = ExportPassword }, "password"),
        })
        {
            var problem = await ExportAsync(admin, body).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        (await ExportAsync(admin, new { format = "pdf" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ExportAsync(admin, new { format = "csv", folderId = theirs }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await ExportAsync(admin, new { format = "csv", folderId = Guid.NewGuid() }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var item in await admin.CredentialsAsync())
        {
            (await admin.AuditTypesAsync(item.Id)).ShouldNotContain("credentials.exported");
        }
    }

    [Fact]
    public async Task Credentials_shared_with_the_tenant_stay_with_their_origin_and_are_not_exported()
    {
        var family = await App.Family().Client("Contoso").BuildAsync();
        var msp = family.Admin.Api;
        var shared = await msp.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "MSP VPN", secret = "vpn-secret-1" }).CreatedIdAsync();
        await msp.PutAsJsonAsync($"/api/v1/credentials/{shared}/shares/{family.Client("Contoso").Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        var site = family.Client("Contoso").Admin.Api;
        await site.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Site router", secret = "router-1" }).CreatedIdAsync();
        var authenticator = await Authenticator.EnrolAsync(site, DateTimeOffset.UtcNow);
        var fresh = App.ClientWithToken(await SignInWithCodeAsync(App.CreateClient(), family.Client("Contoso").Admin.Email, authenticator, DateTimeOffset.UtcNow));

        var text = await (await ExportAsync(fresh, new { format = "bitwarden-json" })).Content.ReadAsStringAsync();

        text.ShouldContain("router-1");
        text.ShouldNotContain("vpn-secret-1");
        text.ShouldNotContain("MSP VPN");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExportTests_Sqlite(SqliteApp app) : ExportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ExportTests_Postgres(PostgresApp app) : ExportTests(app);
