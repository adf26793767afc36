using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

internal sealed partial class Harness(Options options)
{
    private readonly List<string> _lines = [];
    private readonly string _database = $"secureshare_bench_{Guid.NewGuid():N}"[..30];
    private long _peakRss;
    private string? _adminPassword;

    private string DataDirectory => Path.Combine(Path.GetTempPath(), _database);

    private string DatabaseConnection => new NpgsqlConnectionStringBuilder(options.Server) { Database = _database }.ConnectionString;

    public async Task<string> RunAsync()
    {
        if (!options.Sqlite)
        {
            await ExecuteOnServerAsync($"CREATE DATABASE {_database}");
        }

        var dataDirectory = DataDirectory;
        try
        {
            string[] database = options.Sqlite ? [] : [
                "--Database:Provider", "PostgreSql",
                "--Database:ConnectionString", DatabaseConnection,
                "--Security:MasterKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))];
            // On PostgreSQL the Host runs with the bare endpoints beside it (SecureShare.Benchmarks.BareHost); they are its yardstick.
            var app = options.Sqlite
                ? HostProcess.BuiltAssembly(Path.Combine("src", "Host"), "SecureShare.Host.dll")
                : HostProcess.BuiltAssembly(Path.Combine("benchmarks", "SecureShare.Benchmarks.BareHost"), "SecureShare.Benchmarks.BareHost.dll");
            // Audit:SealAfter 5 s: the sealer (a job every minute) links the bulk actions' events at its next run.
            if (!options.FilesOnly && !options.ImportOnly)
            {
                using var host = await HostProcess.StartAppAsync(app, dataDirectory, [.. database, "--Demo:Enabled", "true", "--Demo:Content", "false", "--Links:OpensPerIpPerMinute", "1000000",
                    "--Audit:SealAfter", "00:00:05",
                    "--Auth:LoginsPerIpPerMinute", "1000000", "--Auth:LoginsPerAccountPerMinute", "1000000"]);
                using var sampler = new CancellationTokenSource();
                var sampling = SampleRssAsync(host.Process.Id, sampler.Token);
                try
                {
                    await MeasureAsync(host);
                }
                catch
                {
                    Console.Error.WriteLine(string.Join('\n', host.Output.TakeLast(60)));
                    throw;
                }

                sampler.Cancel();
                await sampling;
                _peakRss = Math.Max(_peakRss, ReadStatusKb(host.Process.Id, "VmHWM:") * 1024);
                _adminPassword = host.PrintedPassword("admin@demo-msp.example"); // the files' Host finds the demo seeded: it prints none
                _lines.Add($"Peak host memory (RSS, whole run): {_peakRss / 1024.0 / 1024.0:0} MB");
                _lines.Add("");
            }

            // The files' and the import's figures on a Host of their own (the main one stopped), on the same database.
            if (!options.ImportOnly)
            {
                await MeasureFilesAsync(app, database);
            }

            if (!options.FilesOnly)
            {
                await MeasureImportAsync(app, database);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (options.Keep)
            {
                Console.Error.WriteLine(options.Sqlite ? $"kept data folder {dataDirectory}" : $"kept database {_database}");
            }
            else
            {
                if (!options.Sqlite)
                {
                    await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
                }

                if (Directory.Exists(dataDirectory))
                {
                    Directory.Delete(dataDirectory, recursive: true);
                }
            }
        }

        return string.Join('\n', _lines);
    }

    private async Task MeasureAsync(HostProcess host)
    {
        var msp = await SignInAsync(host, "admin@demo-msp.example");
        var site = await SignInAsync(host, "admin@contoso-dental.example");
        var mspTenant = (await msp.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("tenantId").GetGuid();
        var siteTenant = (await site.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("tenantId").GetGuid();
        var fabrikam = (await msp.GetFromJsonAsync<JsonElement>("/api/v1/shares/partners")).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Fabrikam Legal").GetProperty("id").GetGuid();

        // Seed: the credentials through the import API, 10,000 a request.
        var seed = Stopwatch.StartNew();
        var ids = new List<Guid>();
        for (var start = 0; start < options.Credentials; start += 10_000)
        {
            var count = Math.Min(10_000, options.Credentials - start);
            var body = new
            {
                credentials = Enumerable.Range(start, count).Select(i => new
                {
                    kind = "Password", name = $"Device {i:D6}", username = $"admin{i}", url = $"https://device-{i}.example", secret = $"secret-{i}",
                    tags = new[] { $"tag-{i % 10}", "fleet" },
                }),
            };
            var imported = await (await msp.PostAsJsonAsync("/api/v1/credentials/import", body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            ids.AddRange(imported.GetProperty("ids").EnumerateArray().Select(e => e.GetGuid()));
        }

        seed.Stop();

        // What autovacuum does within a minute of a large import: without it the planner has no statistics yet.
        if (!options.Sqlite)
        {
            await using var connection = new NpgsqlConnection(DatabaseConnection);
            await connection.OpenAsync();
            await new NpgsqlCommand("ANALYZE", connection).ExecuteNonQueryAsync();
        }

        var bulkIds = ids.Take(options.Bulk).ToList();
        var tagged = Enumerable.Range(0, ids.Count).Where(i => i % 10 == 3).ToList(); // "tag-3", 10% of them

        _lines.Add($"# SecureShare benchmark on {(options.Sqlite ? "SQLite" : "PostgreSQL")} ({(options.Small ? "small" : "full")} run)");
        _lines.Add("");
        _lines.Add($"- {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; {(options.Sqlite ? "SQLite (the embedded default, a file in the data folder)" : "PostgreSQL on loopback")}; {options.Credentials:N0} credentials in the MSP tenant (seeded through POST /credentials/import in {seed.Elapsed.TotalSeconds:0.0} s{(options.Sqlite ? "" : ", then ANALYZE")}); bulk actions on {options.Bulk:N0}; {options.Requests} requests per latency row.");
        await SealerCaughtUpAsync("the seeding"); // the import's events: a sealer catching up is not the bulk actions' cost
        _lines.Add("");

        // Bulk share, update, stop: the API, three rounds, against the raw SQL of the same rows.
        var bulk = new List<(string Name, List<double> Ms, int Sql)>
        {
            ("bulk share", [], 0), ("bulk update", [], 0), ("bulk stop-share", [], 0),
        };
        for (var round = 0; round < 3; round++)
        {
            var steps = new object[]
            {
                new { credentialIds = bulkIds, targetTenantId = siteTenant, enabled = true, audience = new { everyone = true }, permission = "View" },
                new { credentialIds = bulkIds, targetTenantId = siteTenant, enabled = true, audience = new { everyone = true }, permission = "Edit" },
                new { credentialIds = bulkIds, targetTenantId = siteTenant, enabled = false },
            };
            for (var s = 0; s < steps.Length; s++)
            {
                var logged = RequestLines(host, "POST", "/api/v1/shares/bulk").Count;
                var watch = Stopwatch.StartNew();
                (await msp.PostAsJsonAsync("/api/v1/shares/bulk", steps[s])).EnsureSuccessStatusCode();
                bulk[s].Ms.Add(watch.Elapsed.TotalMilliseconds);
                bulk[s] = (bulk[s].Name, bulk[s].Ms, await SqlStatementsAsync(host, "POST", "/api/v1/shares/bulk", logged) ?? 0);
            }
        }

        var raw = options.Sqlite ? default : await RawBulkAsync(mspTenant, fabrikam, bulkIds);
        _lines.Add($"## Bulk actions on {options.Bulk:N0} credentials (median of 3)");
        _lines.Add("");
        _lines.Add("| operation | SecureShare | SQL statements | limit: raw SQL of the share and audit rows | ratio |");
        _lines.Add("| --- | ---: | ---: | ---: | ---: |");
        _lines.Add(Row(bulk[0].Name, Median(bulk[0].Ms), bulk[0].Sql, raw.Insert));
        _lines.Add(Row(bulk[1].Name, Median(bulk[1].Ms), bulk[1].Sql, raw.Update));
        _lines.Add(Row(bulk[2].Name, Median(bulk[2].Ms), bulk[2].Sql, raw.Delete));
        await SealerCaughtUpAsync("the bulk actions");
        _lines.Add("");

        // Leave the share in place for the client-side list.
        (await msp.PostAsJsonAsync("/api/v1/shares/bulk", new { credentialIds = bulkIds, targetTenantId = siteTenant, enabled = true, audience = new { everyone = true }, permission = "View" }))
            .EnsureSuccessStatusCode();

        string SortKey(int i) => $"DEVICE {i:D6}\u0001{ids[i]:N}";
        var deep = Paging.Encode(SortKey(tagged[tagged.Count / 2]));
        var sharedTagged = tagged.Where(i => i < options.Bulk).ToList();
        var siteDeep = Paging.Encode(SortKey(sharedTagged[sharedTagged.Count / 2]));
        var reveal = ids[ids.Count / 3];
        var operations = new (string Name, HttpClient Client, string Path, string? Bare, string? RawSqlCursor)[]
        {
            ("list, MSP, first page", msp, "/api/v1/credentials?tag=tag-3&sort=-name&limit=50", $"/bench/bare/credentials?tenantId={mspTenant}&tag=tag-3&limit=50", ""),
            ("list, MSP, deep page", msp, $"/api/v1/credentials?tag=tag-3&sort=-name&limit=50&cursor={deep}", $"/bench/bare/credentials?tenantId={mspTenant}&tag=tag-3&limit=50&cursor={deep}", SortKey(tagged[tagged.Count / 2])),
            ("list, client, first page", site, "/api/v1/credentials?tag=tag-3&sort=-name&limit=50", $"/bench/bare/credentials?tenantId={siteTenant}&tag=tag-3&limit=50", null),
            ("list, client, deep page", site, $"/api/v1/credentials?tag=tag-3&sort=-name&limit=50&cursor={siteDeep}", $"/bench/bare/credentials?tenantId={siteTenant}&tag=tag-3&limit=50&cursor={siteDeep}", null),
            ("reveal", msp, $"/api/v1/credentials/{reveal}/secret", $"/bench/bare/credentials/{reveal}/secret?tenantId={mspTenant}", null),
        };

        _lines.Add("## Requests (milliseconds; limit = a bare endpoint in the same host: the same SQL and decryption, no application layers)");
        _lines.Add("");
        _lines.Add("| operation | clients | p50 | p95 | p99 | req/s | SQL statements | bare p50 | bare p99 | ratio p50 | raw SQL p50 |");
        _lines.Add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var bareClient = new HttpClient { BaseAddress = host.BaseAddress };
        foreach (var (name, client, path, bare, rawCursor) in operations)
        {
            foreach (var clients in new[] { 1, 16 })
            {
                var api = await LoadAsync(client, path, clients);
                var sql = await SqlStatementsAsync(host, "GET", path.Split('?')[0], 0);
                var yardstick = bare is null || options.Sqlite ? null : await LoadAsync(bareClient, bare, clients);
                double? rawSql = rawCursor is null || clients != 1 || options.Sqlite ? null : await RawListSqlAsync(mspTenant, rawCursor.Length == 0 ? null : rawCursor);
                _lines.Add($"| {name} | {clients} | {api.Percentile(.5):0.0} | {api.Percentile(.95):0.0} | {api.Percentile(.99):0.0} | {api.Throughput:0} | {sql} | "
                    + $"{Format(yardstick?.Percentile(.5))} | {Format(yardstick?.Percentile(.99))} | {Format(yardstick is null ? null : api.Percentile(.5) / yardstick.Percentile(.5), "0.00")} | {Format(rawSql, "0.00")} |");
            }
        }

        _lines.Add("");
        await MeasureLinksAsync(host, msp, reveal);
        await MeasureSignInAsync(host, msp);
        await MeasureSignInLoadAsync(host, msp, reveal);
        await MeasureAuditAsync(host, msp, mspTenant);
    }

    private static string Row(string name, double ms, int sql, double limit) =>
        limit > 0 ? $"| {name} | {ms:0} ms | {sql} | {limit:0} ms | {ms / limit:0.00} |" : $"| {name} | {ms:0} ms | {sql} | – | – |";

    private static string Format(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private async Task<Sample> LoadAsync(HttpClient client, string path, int clients)
    {
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode(); // warm up
        }

        var latencies = new List<double>();
        var perClient = Math.Max(1, options.Requests / clients);
        var wall = Stopwatch.StartNew();
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (_, ct) =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
                response.EnsureSuccessStatusCode();
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        });
        return new Sample(latencies, wall.Elapsed.TotalSeconds);
    }

    private static List<string> RequestLines(HostProcess host, string method, string path) =>
        host.Output.Where(l => l.Contains($"HTTP {method} {path} responded", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The SQL statement count of the last request to a path, from the host's request log, once more than
    /// <paramref name="before"/> such lines have arrived (the log line is written after the response).
    /// </summary>
    private static async Task<int?> SqlStatementsAsync(HostProcess host, string method, string path, int before)
    {
        for (var wait = 0; wait < 50 && RequestLines(host, method, path).Count <= before; wait++)
        {
            await Task.Delay(20);
        }

        var line = RequestLines(host, method, path).LastOrDefault();
        return line is null ? null : int.Parse(line.Split(" with ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private async Task SampleRssAsync(int pid, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            _peakRss = Math.Max(_peakRss, ReadStatusKb(pid, "VmRSS:") * 1024);
            try
            {
                await Task.Delay(200, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long ReadStatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<HttpClient> SignInAsync(HostProcess host, string email, string? password = null)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = password ?? host.PrintedPassword(email) }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        return http;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.Server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
