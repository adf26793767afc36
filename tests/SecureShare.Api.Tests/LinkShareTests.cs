using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Link shares: a credential's values for someone without an account, sealed with a key only the link carries.</summary>
public abstract class LinkShareTests(TestApp app) : DatabaseTest(app)
{
    private const string Secret = "Wifi-7c3e91d4-clear";
    private const string Username = "guest-admin";

    /// <summary>A link as the recipient holds it: the token in its path and the key after '#'.</summary>
    private sealed record Link(Guid Id, string Token, string Key, string Url);

    private async Task<(Msp Msp, HttpClient Admin, Guid CredentialId)> CredentialAsync()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        return (msp, admin, await NewCredentialAsync(admin));
    }

    private static async Task<Guid> NewCredentialAsync(HttpClient admin) =>
        (await admin.PostAsJsonAsync("/api/v1/credentials", new
        {
            kind = "Password",
            name = "Office Wi-Fi",
            username = Username,
            secret = Secret,
            url = "https://wifi.example",
            customFields = new[] { new { name = "PIN", value = "4711", secret = true } },
        })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>An MSP's credential shared with a client site (everyone there, View).</summary>
    private async Task<(HttpClient MspAdmin, Guid ClientId, HttpClient SiteAdmin, Guid CredentialId)> SharedWithClientAsync()
    {
        var mspAdmin = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var id = await NewCredentialAsync(mspAdmin);
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
            .ReadJsonAsync(HttpStatusCode.OK);
        return (mspAdmin, clientA, siteA, id);
    }

    private static async Task<Link> CreateLinkAsync(HttpClient client, Guid credentialId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/credentials/{credentialId}/links", body);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var url = created.GetProperty("url").GetString()!;
        var path = new Uri(url).AbsolutePath;
        path.ShouldStartWith("/s/");
        return new Link(created.GetProperty("id").GetGuid(), path[3..], new Uri(url).Fragment.TrimStart('#'), url);
    }

    private HttpClient Recipient() => App.CreateClient();

    /// <summary>Sessions that outlast the hours a fake clock skips (signed in on the real clock, used on the fake one).</summary>
    private static readonly Dictionary<string, string?> FakeClockSessions = new() { ["Auth:SessionIdleTimeout"] = "2.00:00:00", ["Auth:SessionMaxLifetime"] = "3.00:00:00" };

    private static Task<HttpResponseMessage> OpenAsync(HttpClient recipient, string token, string? passphrase = null) =>
        recipient.PostAsJsonAsync($"/api/v1/public/links/{token}/open", new { passphrase });

    /// <summary>What the recipient page does with WebCrypto: AES-256-GCM, the token as associated data.</summary>
    private static Dictionary<string, string> Decrypt(Link link, JsonElement opened)
    {
        var nonce = Base64Url.DecodeFromChars(opened.GetProperty("nonce").GetString()!);
        var sealedBytes = Base64Url.DecodeFromChars(opened.GetProperty("ciphertext").GetString()!);
        var plaintext = new byte[sealedBytes.Length - 16];
        using (var aes = new AesGcm(Base64Url.DecodeFromChars(link.Key), 16))
        {
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), plaintext, Encoding.ASCII.GetBytes(link.Token));
        }

        return JsonDocument.Parse(plaintext).RootElement.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("value").GetString()!);
    }

    private static async Task<List<string?>> EventTypesAsync(HttpClient client, Guid credentialId) =>
        (await client.GetAsync($"/api/v1/audit?credentialId={credentialId}&limit=500").ReadJsonAsync(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

    private async Task<byte[]?> CiphertextAsync(Guid tenantId, Guid linkId)
    {
        using (TenantContext.Begin(await App.TenantAsync(tenantId)))
        {
            await using var scope = App.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().Links.Where(l => l.Id == linkId).Select(l => l.Ciphertext).SingleAsync();
        }
    }

    private static async Task<JsonElement> LinkStateAsync(HttpClient client, Guid credentialId, Guid linkId) =>
        (await client.GetAsync($"/api/v1/credentials/{credentialId}/links").ReadJsonAsync(HttpStatusCode.OK))
        .EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == linkId);

    [Fact]
    public async Task A_link_opens_as_many_times_as_allowed_and_then_answers_410_with_its_ciphertext_gone()
    {
        var (msp, admin, id) = await CredentialAsync();
        var link = await CreateLinkAsync(admin, id, new { title = "Wi-Fi for the auditors", expiresInMinutes = 60, maxViews = 2 });
        var recipient = Recipient();
        recipient.DefaultRequestHeaders.UserAgent.ParseAdd("AuditorBrowser/1.0");

        var preview = await recipient.GetAsync($"/api/v1/public/links/{link.Token}").ReadJsonAsync(HttpStatusCode.OK);
        preview.GetProperty("title").GetString().ShouldBe("Wi-Fi for the auditors");
        preview.GetProperty("passphraseRequired").GetBoolean().ShouldBeFalse();

        var first = await OpenAsync(recipient, link.Token);
        first.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var opened = await first.ReadJsonAsync(HttpStatusCode.OK);
        Decrypt(link, opened).ShouldBe(new Dictionary<string, string> { ["Username"] = Username, ["Password"] = Secret });
        opened.GetProperty("views").GetInt32().ShouldBe(1);

        Decrypt(link, await OpenAsync(recipient, link.Token).ReadJsonAsync(HttpStatusCode.OK)).ShouldContainKey("Password");
        (await CiphertextAsync(msp.TenantId, link.Id)).ShouldBeNull();

        var third = await OpenAsync(recipient, link.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        var never = await OpenAsync(recipient, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24))).ShouldBeProblemAsync(HttpStatusCode.Gone);
        var malformed = await OpenAsync(recipient, "not-a-token").ShouldBeProblemAsync(HttpStatusCode.Gone);
        foreach (var other in new[] { never, malformed })
        {
            other.GetProperty("title").GetString().ShouldBe(third.GetProperty("title").GetString());
            other.GetProperty("detail").GetString().ShouldBe(third.GetProperty("detail").GetString());
        }

        await recipient.GetAsync($"/api/v1/public/links/{link.Token}").ShouldBeProblemAsync(HttpStatusCode.Gone);
        var state = await LinkStateAsync(admin, id, link.Id);
        state.GetProperty("state").GetString().ShouldBe("used-up");
        state.GetProperty("views").GetInt32().ShouldBe(2);
        state.ToString().ShouldNotContain(link.Key);
        state.ToString().ShouldNotContain(link.Token);

        var events = await EventTypesAsync(admin, id);
        events.Count(e => e == "link.opened").ShouldBe(2);
        events.ShouldContain("link.created");
        events.ShouldContain("link.open.refused");
        var openedEvent = (await admin.GetAsync($"/api/v1/audit?credentialId={id}&type=link.opened").ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items")[0];
        openedEvent.GetProperty("actor").GetProperty("name").GetString().ShouldBe("link recipient");
        openedEvent.GetProperty("userAgent").GetString().ShouldBe("AuditorBrowser/1.0");
        openedEvent.TryGetProperty("ip", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_passphrase_is_required_a_wrong_one_is_403_and_audited_and_five_lock_the_link()
    {
        var (msp, admin, id) = await CredentialAsync();
        var link = await CreateLinkAsync(admin, id, new { title = "API key for the vendor", expiresInMinutes = 60, maxViews = 5, passphrase = "blue-harbour-42" });
        var recipient = Recipient();

        (await recipient.GetAsync($"/api/v1/public/links/{link.Token}").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("passphraseRequired").GetBoolean().ShouldBeTrue();
        (await OpenAsync(recipient, link.Token).ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("passphraseRequired").GetBoolean().ShouldBeTrue();
        var wrong = await OpenAsync(recipient, link.Token, "red-harbour-42").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        wrong.GetProperty("attemptsLeft").GetInt32().ShouldBe(4);
        Decrypt(link, await OpenAsync(recipient, link.Token, "blue-harbour-42").ReadJsonAsync(HttpStatusCode.OK))["Password"].ShouldBe(Secret);
        (await LinkStateAsync(admin, id, link.Id)).GetProperty("failedAttempts").GetInt32().ShouldBe(1);

        for (var left = 3; left >= 0; left--)
        {
            (await OpenAsync(recipient, link.Token, $"guess-{left}").ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("attemptsLeft").GetInt32().ShouldBe(left);
        }

        await OpenAsync(recipient, link.Token, "blue-harbour-42").ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await CiphertextAsync(msp.TenantId, link.Id)).ShouldBeNull();
        (await LinkStateAsync(admin, id, link.Id)).GetProperty("state").GetString().ShouldBe("locked");
        var events = await EventTypesAsync(admin, id);
        events.Count(e => e == "link.passphrase.failed").ShouldBe(5);
        events.Count(e => e == "link.locked").ShouldBe(1);
        events.Count(e => e == "link.opened").ShouldBe(1);
        App.Logs.AllText.ShouldNotContain("blue-harbour-42");
        App.Logs.AllText.ShouldNotContain("red-harbour-42");
    }

    [Fact]
    public async Task Parallel_wrong_passphrases_get_no_more_than_five_attempts()
    {
        var (_, admin, id) = await CredentialAsync();
        var link = await CreateLinkAsync(admin, id, new { title = "Guarded", maxViews = 5, passphrase = "silver-kettle-3" });
        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => OpenAsync(Recipient(), link.Token, $"guess-{i}")));
        guesses.Count(r => r.StatusCode == HttpStatusCode.Forbidden).ShouldBe(5);
        guesses.Count(r => r.StatusCode == HttpStatusCode.Gone).ShouldBe(7);
        await OpenAsync(Recipient(), link.Token, "silver-kettle-3").ShouldBeProblemAsync(HttpStatusCode.Gone);
        var events = await EventTypesAsync(admin, id);
        events.Count(e => e == "link.passphrase.failed").ShouldBe(5);
        events.Count(e => e == "link.locked").ShouldBe(1);
    }

    [Fact]
    public async Task A_revoked_link_answers_410_and_its_ciphertext_is_deleted_at_once()
    {
        var (msp, admin, id) = await CredentialAsync();
        var technicianEmail = Api.UniqueEmail("technician");
        await admin.CreateUserAsync(technicianEmail, "Technician");
        var technician = await App.ClientForAsync(technicianEmail);
        var memberEmail = Api.UniqueEmail("member");
        await admin.CreateUserAsync(memberEmail, "Member");
        var member = await App.ClientForAsync(memberEmail);

        var link = await CreateLinkAsync(technician, id, new { title = "For the electrician", maxViews = 3 });
        await member.DeleteAsync($"/api/v1/links/{link.Id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var stranger = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        await stranger.DeleteAsync($"/api/v1/links/{link.Id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await stranger.GetAsync($"/api/v1/credentials/{id}/links").ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await technician.DeleteAsync($"/api/v1/links/{link.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await OpenAsync(Recipient(), link.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await CiphertextAsync(msp.TenantId, link.Id)).ShouldBeNull();
        (await LinkStateAsync(admin, id, link.Id)).GetProperty("state").GetString().ShouldBe("revoked");
        (await admin.DeleteAsync($"/api/v1/links/{link.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await EventTypesAsync(admin, id)).Count(e => e == "link.revoked").ShouldBe(1);
    }

    [Fact]
    public async Task An_expired_link_answers_410_and_the_job_deletes_its_ciphertext_on_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = App.CreateFactory(FakeClockSessions, services => services.AddSingleton<TimeProvider>(clock));
        var (msp, _, id) = await CredentialAsync();
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = (await App.ClientForAsync(msp.AdminEmail)).DefaultRequestHeaders.Authorization;
        var link = await CreateLinkAsync(admin, id, new { title = "Temporary", expiresInMinutes = 60, maxViews = 10 });
        var recipient = factory.CreateClient();

        async Task<int> ExpireAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SecureShare.Modules.Credentials.Features.Links.ExpireLinks.Command());
        }

        clock.Advance(TimeSpan.FromMinutes(59));
        await OpenAsync(recipient, link.Token).ReadJsonAsync(HttpStatusCode.OK);
        (await ExpireAsync()).ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(2));
        await OpenAsync(recipient, link.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await CiphertextAsync(msp.TenantId, link.Id)).ShouldNotBeNull(); // until the job runs
        (await ExpireAsync()).ShouldBe(1);
        (await CiphertextAsync(msp.TenantId, link.Id)).ShouldBeNull();
        (await ExpireAsync()).ShouldBe(0);
        (await LinkStateAsync(admin, id, link.Id)).GetProperty("state").GetString().ShouldBe("expired");
        (await EventTypesAsync(admin, id)).Count(e => e == "link.expired").ShouldBe(1);
    }

    [Fact]
    public async Task The_recurring_job_clears_expired_links_through_Hangfire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var jobs = App.CreateFactory(
            new Dictionary<string, string?> { ["Jobs:Server"] = "true", ["Jobs:QueuePollInterval"] = "00:00:01" },
            services => services.AddSingleton<TimeProvider>(clock));
        var (msp, _, id) = await CredentialAsync();
        var admin = jobs.CreateClient();
        admin.DefaultRequestHeaders.Authorization = (await App.ClientForAsync(msp.AdminEmail)).DefaultRequestHeaders.Authorization;
        var link = await CreateLinkAsync(admin, id, new { title = "Short-lived", expiresInMinutes = 1 });
        clock.Advance(TimeSpan.FromMinutes(2));

        jobs.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger("links-expire");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CiphertextAsync(msp.TenantId, link.Id) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        (await CiphertextAsync(msp.TenantId, link.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task Of_recipients_racing_for_the_last_view_exactly_one_gets_the_content()
    {
        var (_, admin, id) = await CredentialAsync();
        for (var round = 0; round < 3; round++)
        {
            var link = await CreateLinkAsync(admin, id, new { title = $"Race {round}", maxViews = 1 });
            var opens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OpenAsync(Recipient(), link.Token)));
            opens.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
            opens.Count(r => r.StatusCode == HttpStatusCode.Gone).ShouldBe(7);
            (await LinkStateAsync(admin, id, link.Id)).GetProperty("views").GetInt32().ShouldBe(1);
        }

        (await EventTypesAsync(admin, id)).Count(e => e == "link.opened").ShouldBe(3);
    }

    [Fact]
    public async Task The_database_holds_neither_the_shared_values_nor_the_links_key_or_token()
    {
        var (_, admin, id) = await CredentialAsync();
        var links = new List<Link>
        {
            await CreateLinkAsync(admin, id, new { title = "Default fields", maxViews = 2 }),
            await CreateLinkAsync(admin, id, new { title = "All fields", maxViews = 2, passphrase = "orchid-lantern-9", fields = new[] { "username", "secret", "url", "PIN" } }),
        };
        Decrypt(links[1], await OpenAsync(Recipient(), links[1].Token, "orchid-lantern-9").ReadJsonAsync(HttpStatusCode.OK))
            .ShouldBe(new Dictionary<string, string> { ["Username"] = Username, ["Password"] = Secret, ["URL"] = "https://wifi.example", ["PIN"] = "4711" });

        var dump = await RawDatabase.DumpAsync(App.Database);
        dump.ShouldContain("All fields"); // the dump does read the link rows
        dump.ShouldNotContain(Secret);
        dump.ShouldNotContain("orchid-lantern-9");
        foreach (var link in links)
        {
            dump.ShouldNotContain(link.Key);
            dump.ShouldNotContain(Convert.ToBase64String(Base64Url.DecodeFromChars(link.Key)));
            dump.ShouldNotContain(Encoding.Latin1.GetString(Base64Url.DecodeFromChars(link.Key)));
            dump.ShouldNotContain(link.Token);
        }

        var logs = App.Logs.AllText;
        logs.ShouldContain("/api/v1/public/links/…/open"); // request logging is on, with the token left out
        foreach (var link in links)
        {
            logs.ShouldNotContain(link.Token);
            logs.ShouldNotContain(link.Key);
        }
    }

    [Fact]
    public async Task Bad_link_requests_are_refused_with_a_problem_and_change_nothing()
    {
        var (_, admin, id) = await CredentialAsync();
        var before = await SnapshotRowCountsAsync();
        async Task ShouldBeInvalidAsync(object body, string field) =>
            (await admin.PostAsJsonAsync($"/api/v1/credentials/{id}/links", body).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
                .GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);

        await ShouldBeInvalidAsync(new { maxViews = 1 }, "title");
        await ShouldBeInvalidAsync(new { title = "x", maxViews = 0 }, "maxViews");
        await ShouldBeInvalidAsync(new { title = "x", maxViews = 101 }, "maxViews");
        await ShouldBeInvalidAsync(new { title = "x", expiresInMinutes = 0 }, "expiresInMinutes");
        await ShouldBeInvalidAsync(new { title = "x", expiresInMinutes = 7 * 24 * 60 + 1 }, "expiresInMinutes");
        await ShouldBeInvalidAsync(new { title = "x", passphrase = "  " }, "passphrase");
        await ShouldBeInvalidAsync(new { title = "x", fields = new[] { "nonsense" } }, "fields");
        await ShouldBeInvalidAsync(new { title = "x", fields = new[] { "notes" } }, "fields"); // chosen, but empty
        (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/credentials/{id}/links", "{\"title\": ")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await admin.PostAsJsonAsync($"/api/v1/credentials/{Guid.NewGuid()}/links", new { title = "x" }).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SnapshotRowCountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_tenants_policy_caps_link_expiry_and_only_its_admin_sets_it()
    {
        var (msp, admin, id) = await CredentialAsync();
        var techEmail = Api.UniqueEmail("tech");
        await admin.CreateUserAsync(techEmail, "Technician");
        var tech = await App.ClientForAsync(techEmail);

        (await admin.GetAsync("/api/v1/links/policy").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("maxExpiryMinutes").GetInt32().ShouldBe(7 * 24 * 60);
        await tech.PutAsJsonAsync("/api/v1/links/policy", new { maxExpiryMinutes = 60 }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.PutAsJsonAsync("/api/v1/links/policy", new { maxExpiryMinutes = 0 }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync("/api/v1/links/policy", new { maxExpiryMinutes = 60 }).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("maxExpiryMinutes").GetInt32().ShouldBe(60);

        await tech.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "x", expiresInMinutes = 61 }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await CreateLinkAsync(tech, id, new { title = "Within the policy", expiresInMinutes = 60 });
        await CreateLinkAsync(tech, id, new { title = "Expiry left to the policy" });
        var defaulted = (await admin.GetAsync($"/api/v1/credentials/{id}/links").ReadJsonAsync(HttpStatusCode.OK))[0];
        (defaulted.GetProperty("expiresAt").GetDateTimeOffset() - defaulted.GetProperty("createdAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(60));

        // another tenant keeps the default
        var other = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        (await other.GetAsync("/api/v1/links/policy").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("maxExpiryMinutes").GetInt32().ShouldBe(7 * 24 * 60);
        (await admin.GetAsync("/api/v1/audit?type=link.policy.changed").ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Revocation_by_scope_ends_the_links_its_shares_exposed_and_the_callers_own_but_never_the_partners_own()
    {
        var (mspAdmin, clientA, siteA, id) = await SharedWithClientAsync();
        var ownId = (await siteA.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Site door", secret = "door-1" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var siteLink = await CreateLinkAsync(siteA, id, new { title = "From the client site", maxViews = 5 });
        var siteOwnLink = await CreateLinkAsync(siteA, ownId, new { title = "Client's own", maxViews = 5 });
        var mspLink = await CreateLinkAsync(mspAdmin, id, new { title = "From the MSP", maxViews = 5 });
        (await EventTypesAsync(mspAdmin, id)).ShouldContain("link.created"); // the origin learns of a link of its credential

        var revoked = await mspAdmin.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = clientA }).ReadJsonAsync(HttpStatusCode.OK);
        revoked.GetProperty("linksRevoked").GetInt32().ShouldBe(2);
        await OpenAsync(Recipient(), siteLink.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await OpenAsync(Recipient(), mspLink.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await OpenAsync(Recipient(), siteOwnLink.Token).ReadJsonAsync(HttpStatusCode.OK); // the client's own credential was never the MSP's to end
        (await EventTypesAsync(siteA, ownId)).ShouldNotContain("link.revoked");
    }

    [Fact]
    public async Task A_client_admin_revoking_its_msp_ends_only_the_links_made_from_what_the_msp_shared_with_it()
    {
        var (mspAdmin, _, siteA, id) = await SharedWithClientAsync();
        var unsharedId = await NewCredentialAsync(mspAdmin);
        var mspUnsharedLink = await CreateLinkAsync(mspAdmin, unsharedId, new { title = "Never seen by the client", maxViews = 5 });
        var mspLink = await CreateLinkAsync(mspAdmin, id, new { title = "The MSP's own link", maxViews = 5 });
        var siteLink = await CreateLinkAsync(siteA, id, new { title = "The site's link", maxViews = 5 });
        var mspId = (await mspAdmin.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tenantId").GetGuid();

        var revoked = await siteA.PostAsJsonAsync("/api/v1/shares/revoke", new { targetTenantId = mspId }).ReadJsonAsync(HttpStatusCode.OK);
        revoked.GetProperty("revoked").GetInt32().ShouldBe(1);
        revoked.GetProperty("linksRevoked").GetInt32().ShouldBe(1);
        await OpenAsync(Recipient(), siteLink.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await OpenAsync(Recipient(), mspLink.Token).ReadJsonAsync(HttpStatusCode.OK);
        await OpenAsync(Recipient(), mspUnsharedLink.Token).ReadJsonAsync(HttpStatusCode.OK);
        (await EventTypesAsync(mspAdmin, unsharedId)).ShouldNotContain("link.revoked");
    }

    [Fact]
    public async Task A_link_made_in_the_target_ends_with_its_share_whether_the_origin_stops_it_the_target_stops_it_or_it_is_revoked()
    {
        var (mspAdmin, clientA, siteA, stoppedByOrigin) = await SharedWithClientAsync();
        var stoppedByTarget = await NewCredentialAsync(mspAdmin);
        var revokedOne = await NewCredentialAsync(mspAdmin);
        foreach (var id in new[] { stoppedByTarget, revokedOne })
        {
            await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}", new { enabled = true, audience = new { everyone = true }, permission = "View" })
                .ReadJsonAsync(HttpStatusCode.OK);
        }

        var links = new Dictionary<Guid, Link>();
        foreach (var id in new[] { stoppedByOrigin, stoppedByTarget, revokedOne })
        {
            links[id] = await CreateLinkAsync(siteA, id, new { title = "Made on the client side", maxViews = 5 });
        }

        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{stoppedByOrigin}/shares/{clientA}", new { enabled = false }).ReadJsonAsync(HttpStatusCode.OK);
        (await siteA.DeleteAsync($"/api/v1/incoming-shares/{stoppedByTarget}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await mspAdmin.PostAsJsonAsync("/api/v1/shares/revoke", new { credentialIds = new[] { revokedOne } }).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var (id, link) in links)
        {
            await OpenAsync(Recipient(), link.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
            (await CiphertextAsync(clientA, link.Id)).ShouldBeNull();
            (await EventTypesAsync(siteA, id)).Count(e => e == "link.revoked").ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_link_made_in_the_target_ends_when_its_share_expires_on_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = App.CreateFactory(FakeClockSessions, services => services.AddSingleton<TimeProvider>(clock));
        var mspAdmin = factory.CreateClient();
        mspAdmin.DefaultRequestHeaders.Authorization = (await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail)).DefaultRequestHeaders.Authorization;
        var (clientA, siteA, _) = await App.CreateClientTenantAsync(mspAdmin, "Client A");
        var site = factory.CreateClient();
        site.DefaultRequestHeaders.Authorization = siteA.DefaultRequestHeaders.Authorization;
        var id = await NewCredentialAsync(mspAdmin);
        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}",
            new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt = clock.GetUtcNow().AddHours(2) }).ReadJsonAsync(HttpStatusCode.OK);

        var link = await CreateLinkAsync(site, id, new { title = "Until the share ends", maxViews = 5 });
        var made = await LinkStateAsync(site, id, link.Id);
        made.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(clock.GetUtcNow().AddHours(2), TimeSpan.FromSeconds(1)); // the default 24 h, capped by the share

        clock.Advance(TimeSpan.FromHours(3));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SecureShare.Modules.Sharing.Features.Shares.ExpireShares.Command())).ShouldBe(1);
        }

        (await CiphertextAsync(clientA, link.Id)).ShouldBeNull();
        (await EventTypesAsync(mspAdmin, id)).ShouldContain("share.expired");
    }

    [Fact]
    public async Task A_links_expiry_is_capped_by_the_creating_tenants_policy_the_origins_policy_and_the_shares_expiry()
    {
        var (mspAdmin, clientA, siteA, id) = await SharedWithClientAsync();
        await siteA.PutAsJsonAsync("/api/v1/links/policy", new { maxExpiryMinutes = 90 * 24 * 60 }).ReadJsonAsync(HttpStatusCode.OK);
        await mspAdmin.PutAsJsonAsync("/api/v1/links/policy", new { maxExpiryMinutes = 24 * 60 }).ReadJsonAsync(HttpStatusCode.OK);

        var tooLong = await siteA.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "A month", expiresInMinutes = 30 * 24 * 60 })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        tooLong.GetProperty("errors").GetProperty("expiresInMinutes")[0].GetString()!.ShouldContain("the link policy of the tenant that owns it");
        await CreateLinkAsync(siteA, id, new { title = "A day", expiresInMinutes = 24 * 60 });

        await mspAdmin.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{clientA}",
            new { enabled = true, audience = new { everyone = true }, permission = "View", expiresAt = DateTimeOffset.UtcNow.AddHours(1) }).ReadJsonAsync(HttpStatusCode.OK);
        var pastShare = await siteA.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "Two hours", expiresInMinutes = 120 })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        pastShare.GetProperty("errors").GetProperty("expiresInMinutes")[0].GetString()!.ShouldContain("the share it came from ends then");

        var ownId = (await siteA.PostAsJsonAsync("/api/v1/credentials", new { kind = "Note", name = "Site's own", notes = "n" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await CreateLinkAsync(siteA, ownId, new { title = "A month of its own", expiresInMinutes = 30 * 24 * 60 }); // only its own policy binds its own credential
    }

    [Fact]
    public async Task The_origin_lists_and_revokes_every_link_of_its_credential_wherever_it_was_made()
    {
        var (mspAdmin, clientA, siteA, id) = await SharedWithClientAsync();
        var siteLink = await CreateLinkAsync(siteA, id, new { title = "From the client site", maxViews = 5 });
        var mspLink = await CreateLinkAsync(mspAdmin, id, new { title = "From the MSP", maxViews = 5 });

        var listed = (await mspAdmin.GetAsync($"/api/v1/credentials/{id}/links").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        listed.Select(l => l.GetProperty("id").GetGuid()).ShouldBe([mspLink.Id, siteLink.Id], ignoreOrder: true);
        listed.Single(l => l.GetProperty("id").GetGuid() == siteLink.Id).GetProperty("tenantId").GetGuid().ShouldBe(clientA);
        (await siteA.GetAsync($"/api/v1/credentials/{id}/links").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(l => l.GetProperty("id").GetGuid()).ShouldBe([siteLink.Id]); // a target sees its own only
        await siteA.DeleteAsync($"/api/v1/links/{mspLink.Id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var mspMemberEmail = Api.UniqueEmail("member");
        await mspAdmin.CreateUserAsync(mspMemberEmail, "Member");
        var mspMember = await App.ClientForAsync(mspMemberEmail);
        (await mspMember.GetAsync($"/api/v1/credentials/{id}/links").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(l => l.GetProperty("id").GetGuid()).ShouldBe([mspLink.Id]); // the other side's links are for the origin's sharing roles
        await mspMember.DeleteAsync($"/api/v1/links/{siteLink.Id}").ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await mspAdmin.DeleteAsync($"/api/v1/links/{siteLink.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await OpenAsync(Recipient(), siteLink.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await CiphertextAsync(clientA, siteLink.Id)).ShouldBeNull();
        (await EventTypesAsync(siteA, id)).Count(e => e == "link.revoked").ShouldBe(1);
        (await EventTypesAsync(mspAdmin, id)).Count(e => e == "link.revoked").ShouldBe(1);
        await OpenAsync(Recipient(), mspLink.Token).ReadJsonAsync(HttpStatusCode.OK);

        var stranger = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        await stranger.DeleteAsync($"/api/v1/links/{mspLink.Id}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_links_url_starts_with_the_configured_public_address_never_the_requests_host_header()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://vault.msp.example/" });
        var (_, admin, id) = await CredentialAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        client.DefaultRequestHeaders.Host = "attacker.example";

        var created = await client.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "Wi-Fi" }).ReadJsonAsync(HttpStatusCode.Created);
        created.GetProperty("url").GetString()!.ShouldStartWith("https://vault.msp.example/s/");
        Should.Throw<InvalidOperationException>(() => App.CreateFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = "vault.msp.example" }).Server);
    }

    [Fact]
    public async Task A_member_may_not_make_a_link_share_and_the_attempt_is_audited()
    {
        var (msp, admin, id) = await CredentialAsync();
        var memberEmail = Api.UniqueEmail("member");
        await admin.CreateUserAsync(memberEmail, "Member");
        var member = await App.ClientForAsync(memberEmail);

        await member.PostAsJsonAsync($"/api/v1/credentials/{id}/links", new { title = "Sharing is not a Member's", maxViews = 1 })
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await admin.GetAsync($"/api/v1/credentials/{id}/links").ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await admin.GetAsync("/api/v1/audit?type=access.denied").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Deleting_a_credential_revokes_every_tenants_links_of_it_each_in_its_own_log()
    {
        var (mspAdmin, clientA, siteA, id) = await SharedWithClientAsync();
        var mspLink = await CreateLinkAsync(mspAdmin, id, new { title = "MSP's", maxViews = 3 });
        var siteLink = await CreateLinkAsync(siteA, id, new { title = "Site's", maxViews = 3 });

        (await mspAdmin.DeleteAsync($"/api/v1/credentials/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await OpenAsync(Recipient(), mspLink.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await OpenAsync(Recipient(), siteLink.Token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await EventTypesAsync(mspAdmin, id)).Count(e => e == "link.revoked").ShouldBe(1);
        (await EventTypesAsync(siteA, id)).Count(e => e == "link.revoked").ShouldBe(1);
    }

    [Fact]
    public async Task Admins_and_technicians_list_their_tenants_live_links_page_by_page()
    {
        var (msp, admin, id) = await CredentialAsync();
        var technicianEmail = Api.UniqueEmail("technician");
        await admin.CreateUserAsync(technicianEmail, "Technician");
        var technician = await App.ClientForAsync(technicianEmail);
        var memberEmail = Api.UniqueEmail("member");
        await admin.CreateUserAsync(memberEmail, "Member");
        var member = await App.ClientForAsync(memberEmail);
        var links = new List<Link>();
        for (var i = 0; i < 5; i++)
        {
            links.Add(await CreateLinkAsync(i % 2 == 0 ? admin : technician, id, new { title = $"Link {i}", maxViews = 1 }));
        }

        await OpenAsync(Recipient(), links[1].Token).ReadJsonAsync(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/links/{links[3].Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await CredentialAsync(); // another tenant's links stay out of it
        await member.GetAsync("/api/v1/links").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.GetAsync("/api/v1/links?state=gone").ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await admin.GetAsync("/api/v1/links?cursor=bm90LWEtZ3VpZA").ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var active = await admin.GetAsync("/api/v1/links").ReadJsonAsync(HttpStatusCode.OK);
        active.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("title").GetString()).ShouldBe(["Link 4", "Link 2", "Link 0"]);

        var titles = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await admin.GetAsync($"/api/v1/links?state=all&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}").ReadJsonAsync(HttpStatusCode.OK);
            titles.AddRange(page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("title").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        titles.ShouldBe(["Link 4", "Link 3", "Link 2", "Link 1", "Link 0"]);
    }

    [Fact]
    public async Task A_recipients_requests_are_rate_limited_per_address()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Links:OpensPerIpPerMinute"] = "3" });
        var recipient = factory.CreateClient();
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        for (var i = 0; i < 3; i++)
        {
            await OpenAsync(recipient, token).ShouldBeProblemAsync(HttpStatusCode.Gone);
        }

        await OpenAsync(recipient, token).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_recipient_page_is_static_uncached_sends_no_referrer_and_has_a_strict_policy()
    {
        var response = await Recipient().GetAsync($"/s/{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24))}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldStartWith("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<script src=\"/js/link.js\" defer></script>");
        html.ShouldNotContain("<script>");
        System.Text.RegularExpressions.Regex.IsMatch(html, @"\son[a-z]+\s*=").ShouldBeFalse(); // no inline event handlers
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LinkShareTests_Sqlite(SqliteApp app) : LinkShareTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LinkShareTests_Postgres(PostgresApp app) : LinkShareTests(app);
