using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

/// <summary>The link share and sign-in load figures.</summary>
internal sealed partial class Harness
{
    /// <summary>
    /// Link shares, one client: making links (100 views each) of one credential, then opening them as a
    /// recipient would, without and with a passphrase (whose PBKDF2 check is most of that open).
    /// </summary>
    private async Task MeasureLinksAsync(HostProcess host, HttpClient msp, Guid credentialId)
    {
        var recipient = new HttpClient { BaseAddress = host.BaseAddress };
        var links = Math.Max(5, options.Requests / 20);
        _lines.Add($"## Link shares (milliseconds, 1 client; {links} links of 100 views, then {options.Requests} opens)");
        _lines.Add("");
        _lines.Add("| operation | p50 | p95 | p99 | SQL statements |");
        _lines.Add("| --- | ---: | ---: | ---: | ---: |");
        foreach (var passphrase in new[] { null, "bench-passphrase" })
        {
            var suffix = passphrase is null ? "" : ", with passphrase";
            var created = new List<double>();
            var tokens = new List<string>();
            for (var i = 0; i < links; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await msp.PostAsJsonAsync($"/api/v1/credentials/{credentialId}/links", new { title = "Benchmark", maxViews = 100, passphrase });
                response.EnsureSuccessStatusCode();
                created.Add(watch.Elapsed.TotalMilliseconds);
                tokens.Add(new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!).AbsolutePath[3..]);
            }

            var createSql = await SqlStatementsAsync(host, "POST", $"/api/v1/credentials/{credentialId}/links", 0);
            var opened = new List<double>();
            for (var i = 0; i < Math.Min(options.Requests, links * 100); i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await recipient.PostAsJsonAsync($"/api/v1/public/links/{tokens[i % links]}/open", new { passphrase });
                response.EnsureSuccessStatusCode();
                opened.Add(watch.Elapsed.TotalMilliseconds);
            }

            var openSql = await SqlStatementsAsync(host, "POST", "/api/v1/public/links/…/open", 0);
            foreach (var (name, sample, sql) in new[] { ("create a link" + suffix, new Sample(created, 1), createSql), ("open a link" + suffix, new Sample(opened, 1), openSql) })
            {
                _lines.Add($"| {name} | {sample.Percentile(.5):0.0} | {sample.Percentile(.95):0.0} | {sample.Percentile(.99):0.0} | {sql} |");
            }
        }

        _lines.Add("");
    }

    /// <summary>
    /// Anonymous sign-ins must not slow signed-in work: the p50 of a signed-in write (a credential's rename),
    /// alone and while 100 anonymous clients keep signing in with wrong passwords (unknown emails and one
    /// real account) from one address. Target: at most 1.5 times the quiet p50.
    /// </summary>
    private async Task MeasureSignInLoadAsync(HostProcess host, HttpClient msp, Guid credentialId)
    {
        var writes = Math.Max(20, options.Requests / 5);
        async Task<Sample> WritesAsync(string label)
        {
            var latencies = new List<double>();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < writes; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await msp.PatchAsJsonAsync($"/api/v1/credentials/{credentialId}", new { name = $"Benchmark write {label} {i}" });
                response.EnsureSuccessStatusCode();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            return new Sample(latencies, wall.Elapsed.TotalSeconds);
        }

        var quiet = await WritesAsync("quiet");
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        var refused = 0;
        var anonymous = Enumerable.Range(0, 100).Select(async i =>
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var email = i % 4 == 0 ? "member@fabrikam-legal.example" : $"nobody-{i}@bench.example";
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not the password" }, stop.Token);
                    Interlocked.Increment(ref attempts);
                    if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the sign-ins queue up first
        var loaded = await WritesAsync("loaded");
        stop.Cancel();
        await Task.WhenAll(anonymous);

        var ratio = loaded.Percentile(.5) / quiet.Percentile(.5);
        _lines.Add($"## Signed-in writes while anonymous clients sign in (milliseconds, {writes} renames of one credential, 1 client)");
        _lines.Add("");
        _lines.Add("| signed-in write | p50 | p95 | p99 |");
        _lines.Add("| --- | ---: | ---: | ---: |");
        _lines.Add($"| alone | {quiet.Percentile(.5):0.0} | {quiet.Percentile(.95):0.0} | {quiet.Percentile(.99):0.0} |");
        _lines.Add($"| while 100 anonymous clients sign in ({attempts} attempts, {refused} answered 429) | {loaded.Percentile(.5):0.0} | {loaded.Percentile(.95):0.0} | {loaded.Percentile(.99):0.0} |");
        _lines.Add("");
        _lines.Add($"p50 with the sign-ins / p50 alone: {ratio:0.00} (target ≤ 1.5: {(ratio <= 1.5 ? "met" : "missed")}).");
        _lines.Add("");
    }
}
