using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Npgsql;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Two Host processes on one PostgreSQL database, as two hosts behind a round-robin balancer: what one host issues
/// (a UI session cookie, an antiforgery token) the other accepts, because the key ring that protects them lives in
/// the shared database — encrypted under the master key — and not in each host's data folder; the sign-in limits count
/// in the shared database too, so two hosts allow what one allows; what is written through one is read through the other.
/// </summary>
public sealed partial class TwoHostsTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"secureshare-two-hosts-{Guid.NewGuid():N}");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task A_ui_session_and_an_antiforgery_token_from_one_host_work_on_the_other_and_the_shared_key_ring_is_encrypted()
    {
        using var first = await StartAsync("first", "--Demo:Enabled", "true");
        using var second = await StartAsync("second");
        var password = first.PrintedPassword("admin@demo-msp.example");

        // One browser, two hosts: the balancer sends each request to either.
        var cookies = new CookieContainer();
        var atFirst = Browser(first, cookies);
        var atSecond = Browser(second, cookies);

        // The sign-in form comes from the first host (its antiforgery cookie and token); the post goes to the second.
        var form = await atFirst.GetAsync("/login");
        form.StatusCode.ShouldBe(HttpStatusCode.OK, string.Join(Environment.NewLine, first.Output.TakeLast(40)));
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        var signedIn = await atSecond.PostAsync("/login", Form(("_handler", "login"), ("__RequestVerificationToken", token), ("email", "admin@demo-msp.example"), ("password", password)));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        signedIn.Headers.Location!.AbsolutePath.ShouldBe("/");

        // The session cookie the second host issued opens pages on the first.
        var home = await atFirst.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("Demo MSP Admin");

        // The key ring is in the database, each key sealed under the master key; no host keeps one in its data folder.
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT \"Xml\" FROM accounts.data_protection_keys", connection);
            await using var rows = await read.ExecuteReaderAsync();
            var keys = 0;
            while (await rows.ReadAsync())
            {
                keys++;
                rows.GetString(0).ShouldContain("<encryptedKey masterKeyId=");
                rows.GetString(0).ShouldNotContain("<masterKey");
            }

            keys.ShouldBe(1, "both hosts use the one key the first made");
        }

        Directory.Exists(Path.Combine(_root, "first", "keys")).ShouldBeFalse();
        Directory.Exists(Path.Combine(_root, "second", "keys")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_share_made_through_one_host_is_seen_at_once_through_the_other()
    {
        using var first = await StartAsync("first", "--Demo:Enabled", "true");
        using var second = await StartAsync("second");
        var msp = await SignedInAsync(first, "admin@demo-msp.example", first.PrintedPassword("admin@demo-msp.example"));
        var site = await SignedInAsync(second, "admin@contoso-dental.example", first.PrintedPassword("admin@contoso-dental.example"));

        var clients = await msp.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK);
        var contoso = clients.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Contoso Dental").GetProperty("id").GetGuid();
        var created = await msp.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Made through the first host", username = "ops", secret = "across hosts" })
            .ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        (await site.GetAsync($"/api/v1/credentials/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await msp.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{contoso}", new { enabled = true, audience = new { everyone = true }, permission = "View" }))
            .IsSuccessStatusCode.ShouldBeTrue();
        var seen = await site.GetAsync($"/api/v1/credentials/{id}").ReadJsonAsync(HttpStatusCode.OK);
        seen.GetProperty("name").GetString().ShouldBe("Made through the first host");
        (await site.GetAsync($"/api/v1/credentials/{id}/secret").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("secret").GetString().ShouldBe("across hosts");
    }

    [Fact]
    public async Task The_per_address_and_per_account_sign_in_limits_hold_across_both_hosts()
    {
        string[] limits = ["--Auth:LoginsPerAccountPerMinute", "3", "--Auth:LoginsPerIpPerMinute", "6"];
        using var first = await StartAsync("first", ["--Demo:Enabled", "true", .. limits]);
        using var second = await StartAsync("second", limits);
        HttpClient[] hosts = [new() { BaseAddress = first.BaseAddress }, new() { BaseAddress = second.BaseAddress }];
        Task<HttpResponseMessage> Attempt(int host, string email) =>
            hosts[host].PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not the password" });

        // One account, attempts spread over both hosts: three are allowed in all, not three on each.
        (await Attempt(0, "admin@demo-msp.example")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Attempt(1, "admin@demo-msp.example")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Attempt(0, "admin@demo-msp.example")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Attempt(1, "admin@demo-msp.example").ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        // One address: the four attempts above counted on it; two more on other accounts are allowed, the seventh on either host is not.
        (await Attempt(0, "someone@contoso-dental.example")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Attempt(1, "someone-else@contoso-dental.example")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Attempt(0, "a-third@contoso-dental.example").ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        await Attempt(1, "a-fourth@contoso-dental.example").ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        // The counts are keyed by hashes: the table names no address and no email.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*) FROM accounts.rate_windows", connection);
        ((long)(await read.ExecuteScalarAsync())!).ShouldBe(4, "the address's window and those of the three accounts that got past it");
    }

    private static async Task<HttpClient> SignedInAsync(HostProcess host, string email, string password)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password }).ReadJsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A Host on the shared database with its own data folder; the installation's keys come from configuration, as on a cluster.</summary>
    private Task<HostProcess> StartAsync(string name, params string[] extra) =>
        HostProcess.StartAsync(
            Path.Combine(_root, name),
            [.. HostProcess.OnPostgres(_database.ConnectionString), "--Jobs:Server", "false", .. extra]);

    private static HttpClient Browser(HostProcess host, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public Task InitializeAsync() => _database.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
