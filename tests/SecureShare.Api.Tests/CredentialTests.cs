using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class CredentialTests(TestApp app) : DatabaseTest(app)
{
    private const string Password = "P@ss-4f9c1e7b-clear";
    private const string Notes = "Notes-8d2a6c0e-clear";
    private const string Totp = "JBSWY3DPEHPK3PXP";
    private const string CustomSecret = "Custom-5b7e9a13-clear";

    private sealed record Tenant(Msp Msp, HttpClient Admin, HttpClient Technician, HttpClient Member);

    private async Task<Tenant> TenantAsync()
    {
        var family = await App.Family().With("tech", "Technician").With("member", "Member").BuildAsync();
        return new Tenant(family.Msp, family.Admin.Api, family["tech"].Api, family["member"].Api);
    }

    private static object NewPassword(string name = "Router admin") => new
    {
        kind = "Password",
        name,
        username = "admin",
        secret = Password,
        url = "https://192.0.2.1",
        notes = Notes,
        tags = new[] { "network", "Core" },
        totpSeed = Totp,
        customFields = new object[]
        {
            new { name = "Recovery code", value = CustomSecret, secret = true },
            new { name = "Serial", value = "SN-1234", secret = false },
        },
    };

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body) =>
        await client.PostAsJsonAsync("/api/v1/credentials", body).ReadJsonAsync(HttpStatusCode.Created);

    private static Task<Guid> IdAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/credentials", body).CreatedIdAsync();

    [Fact]
    public async Task Technician_stores_a_password_and_its_metadata_never_carries_a_secret()
    {
        var t = await TenantAsync();
        var created = await CreateAsync(t.Technician, NewPassword());
        var id = created.GetProperty("id").GetGuid();
        var fetched = await t.Member.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK);

        foreach (var body in new[] { created, fetched })
        {
            var text = body.ToString();
            foreach (var secret in new[] { Password, Notes, Totp, CustomSecret })
            {
                text.ShouldNotContain(secret);
            }

            body.GetProperty("kind").GetString().ShouldBe("Password");
            body.GetProperty("username").GetString().ShouldBe("admin");
            body.GetProperty("tags").EnumerateArray().Select(x => x.GetString()).ShouldBe(["Core", "network"]);
            body.GetProperty("origin").GetProperty("tenantId").GetGuid().ShouldBe(t.Msp.TenantId);
            body.GetProperty("sharing").GetProperty("state").GetString().ShouldBe("none");
            body.GetProperty("hasTotp").GetBoolean().ShouldBeTrue();
            body.GetProperty("customFields")[1].GetProperty("value").GetString().ShouldBe("SN-1234");
            body.GetProperty("customFields")[0].GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task Reveal_returns_every_secret_value_and_is_audited()
    {
        var t = await TenantAsync();
        var id = await IdAsync(t.Technician, NewPassword());

        var response = await t.Member.GetAsync($"/api/v1/credentials/{id}/secret");
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var secret = await response.ReadAsync<SecretValues>(HttpStatusCode.OK);
        secret.Secret.ShouldBe(Password);
        secret.Notes.ShouldBe(Notes);
        secret.TotpSeed.ShouldBe(Totp);
        secret.CustomFields[0].Value.ShouldBe(CustomSecret);

        var events = await t.Admin.GetAsync($"/api/v1/audit?type=credential.revealed&credentialId={id}").ReadJsonAsync(HttpStatusCode.OK);
        events.GetProperty("items").GetArrayLength().ShouldBe(1);
        events.ToString().ShouldNotContain(Password); // the raw answer: no secret anywhere in it
    }

    [Fact]
    public async Task Member_can_see_and_reveal_but_cannot_create_change_or_delete()
    {
        var t = await TenantAsync();
        var id = await IdAsync(t.Technician, NewPassword());
        var before = await SnapshotRowCountsAsync();

        await t.Member.PostAsJsonAsync("/api/v1/credentials", NewPassword()).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await t.Member.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "changed by a member" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await t.Member.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var after = await SnapshotRowCountsAsync();
        after.Split(',')[5..].ShouldBe(before.Split(',')[5..]);
    }

    [Fact]
    public async Task No_secret_value_is_stored_in_clear()
    {
        var t = await TenantAsync();
        await CreateAsync(t.Technician, NewPassword());
        await CreateAsync(t.Technician, new { kind = "Note", name = "Alarm code", notes = Notes + "-note" });
        var id = await IdAsync(t.Technician, new { kind = "ApiSecret", name = "Billing API", username = "key-1", secret = Password + "-api", url = "https://api.example" });
        await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = Password + "-rotated" });

        var dump = await RawDatabase.DumpAsync(App.Database);
        dump.ShouldContain("Router admin"); // the dump does read the credential rows
        foreach (var secret in new[] { Password, Notes, Totp, CustomSecret })
        {
            dump.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task A_ciphertext_copied_onto_another_credentials_row_fails_to_decrypt()
    {
        var t = await TenantAsync();
        var source = await IdAsync(t.Technician, NewPassword("Source"));
        var target = await IdAsync(t.Technician, new { kind = "Password", name = "Target", secret = "target secret" });

        using (TenantContext.Begin(await App.TenantAsync(t.Msp.TenantId)))
        {
            await using var inTenant = App.CreateScope();
            var db = inTenant.ServiceProvider.GetRequiredService<CredentialsDbContext>();
            var cipher = await db.Credentials.Where(c => c.Id == source).Select(c => c.SecretCipher).SingleAsync();
            await db.Credentials.Where(c => c.Id == target).ExecuteUpdateAsync(s => s.SetProperty(c => c.SecretCipher, cipher));
        }

        var problem = await t.Admin.GetAsync($"/api/v1/credentials/{target}/secret").ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        problem.ToString().ShouldNotContain(Password);
        (await t.Admin.RevealAsync(source)).Secret.ShouldBe(Password);
    }

    [Fact]
    public async Task Every_secret_change_keeps_the_previous_value_as_a_version()
    {
        var t = await TenantAsync();
        var id = await IdAsync(t.Technician, NewPassword());

        (await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "second-secret" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { name = "Renamed only" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await t.Admin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "third-secret", totpSeed = "" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await t.Admin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "third-secret" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await t.Member.GetAsync($"/api/v1/credentials/{id}/versions");
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var versions = await response.ReadAsync<List<CredentialVersion>>(HttpStatusCode.OK);
        versions.Select(v => v.Version).ShouldBe([2, 1]);
        versions[1].Values.Secret.ShouldBe(Password);
        versions[1].Values.TotpSeed.ShouldBe(Totp);
        versions[0].Values.Secret.ShouldBe("second-secret");
        versions[0].ChangedBy.Name.ShouldBe("MSP Admin");

        var current = await t.Member.RevealAsync(id);
        current.Secret.ShouldBe("third-secret");
        current.TotpSeed.ShouldBeNull();
        (await t.Member.GetAsync($"/api/v1/credentials/{id}").ReadAsync<CredentialItem>(HttpStatusCode.OK)).Name.ShouldBe("Renamed only");
    }

    [Fact]
    public async Task Custom_fields_given_to_a_change_replace_the_old_ones_and_the_replaced_secret_one_is_a_version()
    {
        var t = await TenantAsync();
        var bare = await IdAsync(t.Technician, new { kind = "Password", name = "No fields yet", secret = "s3cret" });
        var id = await IdAsync(t.Technician, NewPassword());
        var fields = new object[] { new { name = "Serial", value = "SN-9", secret = false }, new { name = "PIN", value = "0000", secret = true } };

        foreach (var target in new[] { bare, id })
        {
            (await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{target}", new { customFields = fields })).StatusCode.ShouldBe(HttpStatusCode.OK);
            var revealed = await t.Member.RevealAsync(target);
            revealed.CustomFields.Select(f => $"{f.Name}={f.Value}/{f.Secret}").ShouldBe(["Serial=SN-9/False", "PIN=0000/True"]);
        }

        var versions = await t.Member.GetAsync($"/api/v1/credentials/{id}/versions").ReadAsync<List<CredentialVersion>>(HttpStatusCode.OK);
        versions.ShouldHaveSingleItem().Values.CustomFields.ShouldContain(f => f.Value == CustomSecret);
    }

    [Fact]
    public async Task Needs_rotation_clears_only_when_the_secret_changes()
    {
        var t = await TenantAsync();
        var id = await IdAsync(t.Technician, NewPassword());
        using (TenantContext.Begin(await App.TenantAsync(t.Msp.TenantId)))
        {
            await using var inTenant = App.CreateScope();
            await inTenant.ServiceProvider.GetRequiredService<CredentialsDbContext>().Credentials
                .Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.NeedsRotation, true));
        }

        (await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { url = "https://198.51.100.1" }).ReadAsync<CredentialItem>(HttpStatusCode.OK))
            .NeedsRotation.ShouldBeTrue();
        (await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "rotated-secret" }).ReadAsync<CredentialItem>(HttpStatusCode.OK))
            .NeedsRotation.ShouldBeFalse();
    }

    [Fact]
    public async Task Another_tenants_credential_answers_404_everywhere()
    {
        var mine = await TenantAsync();
        var other = await App.SignupMspAsync();
        var otherAdmin = await App.ClientForAsync(other.AdminEmail);
        var id = await IdAsync(mine.Technician, NewPassword());
        var before = await SnapshotRowCountsAsync();

        await otherAdmin.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await otherAdmin.GetAsync($"/api/v1/credentials/{id}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await otherAdmin.GetAsync($"/api/v1/credentials/{id}/versions").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await otherAdmin.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "hijacked" }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await otherAdmin.DeleteAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_origin_deletes_a_credential_with_its_versions_and_the_audit_stays()
    {
        var t = await TenantAsync();
        var id = await IdAsync(t.Technician, NewPassword());
        await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{id}", new { secret = "second" });

        (await t.Technician.DeleteAsync($"/api/v1/credentials/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await t.Admin.GetAsync($"/api/v1/credentials/{id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var counts = (await SnapshotRowCountsAsync()).Split(',');
        counts[5..].ShouldAllBe(c => c == "0");
        (await t.Admin.AuditTypesAsync(id)).ShouldBe(["credential.deleted", "credential.updated", "credential.created"]);
    }

    [Fact]
    public async Task Notes_and_api_secrets_keep_their_own_fields()
    {
        var t = await TenantAsync();
        var note = await IdAsync(t.Technician, new { kind = "Note", name = "Door code", notes = "1234#" });
        var api = (await CreateAsync(t.Technician, new { kind = "ApiSecret", name = "Stripe", username = "pk_live_1", secret = "sk_live_2", url = "https://api.stripe.example" }))
            .Deserialize<CredentialItem>(Api.Json)!;

        (await t.Member.RevealAsync(note)).Notes.ShouldBe("1234#");
        api.Username.ShouldBe("pk_live_1");
        api.Url.ShouldBe("https://api.stripe.example");
        await t.Technician.PatchAsJsonAsync($"/api/v1/credentials/{note}", new { notes = "" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string> BadBodies => new()
    {
        "{\"kind\": \"Wifi\", \"name\": \"x\", \"secret\": \"s\"}",
        "{\"kind\": 1, \"name\": \"x\", \"secret\": \"s\"}",
        "{\"name\": \"x\", \"secret\": \"s\"}",
        "{\"kind\": \"Password\", \"secret\": \"s\"}",
        "{\"kind\": \"Password\", \"name\": \"x\"}",
        $"{{\"kind\": \"Password\", \"name\": \"{new string('n', 201)}\", \"secret\": \"s\"}}",
        $"{{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"url\": \"{new string('u', 2049)}\"}}",
        "{\"kind\": \"Note\", \"name\": \"x\", \"secret\": \"s\", \"notes\": \"n\"}",
        "{\"kind\": \"Note\", \"name\": \"x\"}",
        "{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"totpSeed\": \"not base32!\"}",
        $"{{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"tags\": [{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"t{i}\""))}]}}",
        "{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"tags\": [\"\"]}",
        "{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"customFields\": [{\"name\": \"a\", \"value\": \"1\"}, {\"name\": \"A\", \"value\": \"2\"}]}",
        "{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"customFields\": [{\"value\": \"1\"}]}",
        "{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"folderId\": \"nope\"}",
        "{\"kind\": \"Password\", \"name\": \"x\", \"secret\": \"s\", \"tags\": \"one\"}",
        "{\"kind\": \"Password\", \"name\": ",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_credential_input_answers_400_and_changes_nothing(string body)
    {
        var t = await TenantAsync();
        var before = await SnapshotRowCountsAsync();
        await t.Technician.SendJsonAsync(HttpMethod.Post, "/api/v1/credentials", body).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var patch = await t.Technician.SendJsonAsync(HttpMethod.Patch, $"/api/v1/credentials/{Guid.NewGuid()}", "{\"name\": \"\"}").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        patch.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue(patch.ToString());
        await t.Technician.GetAsync("/api/v1/credentials/not-a-guid/secret").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_foreign_or_unknown_folder_answers_404_and_changes_nothing()
    {
        var t = await TenantAsync();
        var before = await SnapshotRowCountsAsync();
        await t.Technician.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "x", secret = "s", folderId = Guid.NewGuid() })
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    private sealed record Imported(int Created, IReadOnlyList<Guid> Ids);

    private static object ImportBody(int count, Guid? folderId = null, string prefix = "Imported") => new
    {
        folderId,
        credentials = Enumerable.Range(0, count).Select(i => new { kind = "Password", name = $"{prefix} {i:D4}", username = $"user{i}", secret = $"imported-secret-{i}", tags = new[] { "imported", $"batch-{i % 3}" } }),
    };

    [Fact]
    public async Task An_import_stores_many_credentials_at_once_readable_and_listed_in_a_constant_number_of_statements()
    {
        var t = await TenantAsync();
        var folder = await t.Admin.PostAsJsonAsync("/api/v1/folders", new { name = "Onboarding" }).CreatedIdAsync();

        var small = await t.Technician.PostAsJsonAsync("/api/v1/credentials/import", ImportBody(10, folder, "Small")).ReadAsync<Imported>(HttpStatusCode.OK);
        var smallStatements = App.LastRequestSqlCommands("/api/v1/credentials/import");
        var large = await t.Technician.PostAsJsonAsync("/api/v1/credentials/import", ImportBody(1_000, folder, "Large")).ReadAsync<Imported>(HttpStatusCode.OK);
        App.LastRequestSqlCommands("/api/v1/credentials/import").ShouldBe(smallStatements);
        large.Created.ShouldBe(1_000);

        var ids = large.Ids;
        (await t.Member.RevealAsync(ids[7])).Secret.ShouldBe("imported-secret-7");
        var listed = await t.Member.CredentialsAsync($"&folderId={folder}&tag=batch-1&q=large%20000");
        listed.Select(c => c.Name).ShouldBe(["Large 0001", "Large 0004", "Large 0007"]);
        (await t.Admin.AuditTypesAsync(small.Ids[0]))[0].ShouldBe("credential.created");
    }

    [Fact]
    public async Task A_bad_import_changes_nothing()
    {
        var t = await TenantAsync();
        var before = await SnapshotRowCountsAsync();
        await t.Technician.PostAsJsonAsync("/api/v1/credentials/import", ImportBody(10_001)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Technician.PostAsJsonAsync("/api/v1/credentials/import", ImportBody(3, Guid.NewGuid())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await t.Technician.PostAsJsonAsync("/api/v1/credentials/import", new { credentials = new[] { new { kind = "Password", name = "no secret" } } })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await t.Member.PostAsJsonAsync("/api/v1/credentials/import", ImportBody(2)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await SnapshotRowCountsAsync()).Split(',')[5..].ShouldBe(before.Split(',')[5..]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CredentialTests_Sqlite(SqliteApp app) : CredentialTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CredentialTests_Postgres(PostgresApp app) : CredentialTests(app);
