using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Two Host processes on one PostgreSQL database, as two hosts behind a round-robin balancer: what one host issues
/// (a UI session cookie, an antiforgery token) the other accepts, because the key ring that protects them lives in
/// the shared database — encrypted under the master key — and not in each host's data folder.
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
