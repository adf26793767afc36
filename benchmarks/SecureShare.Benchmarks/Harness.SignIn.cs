using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

/// <summary>The sign-in figures: with a password alone, and with a password and a TOTP code.</summary>
internal sealed partial class Harness
{
    /// <summary>
    /// Sign-in p50, one client, a fresh account each time: with a password alone, then (the same accounts, TOTP now on)
    /// with the password and a code: two requests, timed together. A TOTP code is good once, so each account signs in once
    /// with one. Target: with TOTP at most twice the password alone (the password's PBKDF2 is most of either).
    /// </summary>
    private async Task MeasureSignInAsync(HostProcess host, HttpClient admin)
    {
        var accounts = options.Small ? 5 : 40;
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        var emails = new List<string>();
        for (var i = 0; i < accounts; i++)
        {
            var email = $"bench-signin-{i}-{Guid.NewGuid():N}@bench.example";
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"Bench {i}", role = "Member", password = Api.OneTimePassword })).EnsureSuccessStatusCode();
            var first = await LoginAsync(http, email, Api.OneTimePassword);
            using var change = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/password") { Content = JsonContent.Create(new { currentPassword = Api.OneTimePassword, newPassword = Api.Password }) };
            change.Headers.Authorization = new("Bearer", first.GetProperty("accessToken").GetString());
            (await http.SendAsync(change)).EnsureSuccessStatusCode();
            emails.Add(email);
        }

        var passwordOnly = new List<double>();
        var clients = new List<HttpClient>();
        foreach (var email in emails)
        {
            var watch = Stopwatch.StartNew();
            var login = await LoginAsync(http, email, Api.Password);
            passwordOnly.Add(watch.Elapsed.TotalMilliseconds);
            var client = new HttpClient { BaseAddress = host.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
            clients.Add(client);
        }

        var passwordSql = await SqlStatementsAsync(host, "POST", "/api/v1/auth/login", 0);
        var authenticators = new List<Authenticator>();
        foreach (var client in clients)
        {
            authenticators.Add(await Authenticator.EnrolAsync(client, DateTimeOffset.UtcNow));
        }

        var withTotp = new List<double>();
        for (var i = 0; i < emails.Count; i++)
        {
            var watch = Stopwatch.StartNew();
            var due = await LoginAsync(http, emails[i], Api.Password);
            // The next time step's code: the enrolment used this step's (a code is good once).
            var code = authenticators[i].CodeAt(DateTimeOffset.UtcNow.AddSeconds(30));
            (await http.PostAsJsonAsync("/api/v1/auth/mfa", new { mfaToken = due.GetProperty("mfaToken").GetString(), code })).EnsureSuccessStatusCode();
            withTotp.Add(watch.Elapsed.TotalMilliseconds);
        }

        var mfaSql = await SqlStatementsAsync(host, "POST", "/api/v1/auth/mfa", 0);
        var (alone, both) = (new Sample(passwordOnly, 1), new Sample(withTotp, 1));
        var ratio = both.Percentile(.5) / alone.Percentile(.5);
        _lines.Add($"## Sign-in (milliseconds, 1 client, {accounts} accounts, each signing in once each way)");
        _lines.Add("");
        _lines.Add("| sign-in | p50 | p95 | SQL statements |");
        _lines.Add("| --- | ---: | ---: | ---: |");
        _lines.Add($"| password | {alone.Percentile(.5):0.0} | {alone.Percentile(.95):0.0} | {passwordSql} |");
        _lines.Add($"| password + TOTP code (two requests) | {both.Percentile(.5):0.0} | {both.Percentile(.95):0.0} | login + {mfaSql} |");
        _lines.Add("");
        _lines.Add($"p50 with TOTP / p50 password alone: {ratio:0.00} (target ≤ 2: {(ratio <= 2 ? "met" : "missed")}).");
        _lines.Add("");
    }

    private static async Task<JsonElement> LoginAsync(HttpClient http, string email, string password) =>
        await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
}
