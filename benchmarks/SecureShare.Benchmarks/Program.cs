using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

/// <summary>
/// Measures SecureShare through its HTTP API on a real PostgreSQL, beside the limits the same work has
/// without the application: raw batched SQL for bulk sharing, bare endpoints in the same host for the
/// list page and the reveal. Usage:
///   dotnet benchmarks/SecureShare.Benchmarks/bin/Release/net10.0/SecureShare.Benchmarks.dll --postgres "Host=…;Username=…;Password=…" [--small] [--out file.md]
///   dotnet …/SecureShare.Benchmarks.dll --sqlite [--small] [--out file.md]
/// The PostgreSQL server is one the caller gives (benchmarks/run.sh starts a throw-away one); the
/// harness makes and drops its own database on it. With --sqlite the Host runs on its embedded default
/// (a SQLite file in a throw-away data folder) and the same API figures are taken, without limits: the
/// bare endpoints and the raw SQL are PostgreSQL's.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var report = await new Harness(options).RunAsync();
        Console.WriteLine(report);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, report);
        }

        return 0;
    }
}

internal sealed record Options(string? Server, int Credentials, int Bulk, int Requests, bool Small, string? Out, bool Keep)
{
    public bool Sqlite => Server is null;

    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var small = args.Contains("--small");
        var server = args.Contains("--sqlite") ? null
            : Value("--postgres") ?? Environment.GetEnvironmentVariable("SECURESHARE_TEST_POSTGRES")
                ?? throw new ArgumentException("Give --postgres <connection string> (or SECURESHARE_TEST_POSTGRES), or --sqlite.");
        return new Options(
            server,
            int.Parse(Value("--credentials") ?? (small ? "2000" : "100000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--bulk") ?? (small ? "500" : "10000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--requests") ?? (small ? "48" : "800"), CultureInfo.InvariantCulture),
            small,
            Value("--out"),
            args.Contains("--keep"));
    }
}

/// <summary>Latencies of one operation at one concurrency, and the wall time they took.</summary>
internal sealed record Sample(IReadOnlyList<double> Milliseconds, double Seconds)
{
    public double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Throughput => Milliseconds.Count / Seconds;
}

internal sealed class Harness(Options options)
{
    private readonly List<string> _lines = [];
    private readonly string _database = $"secureshare_bench_{Guid.NewGuid():N}"[..30];
    private long _peakRss;

    private string DatabaseConnection => new NpgsqlConnectionStringBuilder(options.Server) { Database = _database }.ConnectionString;

    public async Task<string> RunAsync()
    {
        if (!options.Sqlite)
        {
            await ExecuteOnServerAsync($"CREATE DATABASE {_database}");
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), _database);
        try
        {
            string[] database = options.Sqlite ? [] : [
                "--Database:Provider", "PostgreSql",
                "--Database:ConnectionString", DatabaseConnection,
                "--Security:MasterKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                "--Benchmarks:BareEndpoints", "true"];
            using var host = await HostProcess.StartAsync(dataDirectory, [.. database, "--Demo:Enabled", "true", "--Links:OpensPerIpPerMinute", "1000000",
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
        await MeasureSignInLoadAsync(host, msp, reveal);
        _lines.Add($"Peak host memory (RSS, whole run): {_peakRss / 1024.0 / 1024.0:0} MB");
    }

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

    /// <summary>
    /// The database's own limit for a bulk action: the same share rows and the same audit rows (an event
    /// per credential on each side, with its two targets) as one batch of array-parameter statements,
    /// committed; then the same rows updated; then deleted with their stop audit. Median of 3.
    /// </summary>
    private async Task<(double Insert, double Update, double Delete)> RawBulkAsync(Guid origin, Guid target, List<Guid> credentialIds)
    {
        var insert = new List<double>();
        var update = new List<double>();
        var delete = new List<double>();
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        for (var round = 0; round < 3; round++)
        {
            insert.Add(await TimedAsync(connection, [
                (InsertShares, null),
                .. AuditSql("share.created"),
            ], origin, target, credentialIds));
            update.Add(await TimedAsync(connection, [
                (UpdateShares, null),
                .. AuditSql("share.updated"),
            ], origin, target, credentialIds));
            delete.Add(await TimedAsync(connection, [
                (DeleteShares, null),
                .. AuditSql("share.stopped"),
            ], origin, target, credentialIds));
        }

        return (Median(insert), Median(update), Median(delete));
    }

    private const string InsertShares = """
        INSERT INTO sharing.shares ("TenantId", "CredentialId", "TargetTenantId", "FamilyId", "Permission", "AudienceEveryone", "CreatedAt", "CreatedByUserId", "CreatedByName", "UpdatedAt")
        SELECT @origin, c, @target, @origin, 'View', true, now(), @origin, 'raw', now() FROM unnest(@ids) c
        """;

    private const string UpdateShares = """
        UPDATE sharing.shares SET "Permission" = 'Edit', "UpdatedAt" = now()
        WHERE "TenantId" = @origin AND "TargetTenantId" = @target AND "CredentialId" = ANY(@ids)
        """;

    private const string DeleteShares = """
        DELETE FROM sharing.shares WHERE "TenantId" = @origin AND "TargetTenantId" = @target AND "CredentialId" = ANY(@ids)
        """;

    /// <summary>An audit event per credential in each tenant, and each event's targets.</summary>
    private static IEnumerable<(string Sql, string? Type)> AuditSql(string type)
    {
        foreach (var (tenant, other) in new[] { ("@origin", "@target"), ("@target", "@origin") })
        {
            yield return ($"""
                WITH src AS (SELECT gen_random_uuid() AS id, c FROM unnest(@ids) c),
                e AS (
                  INSERT INTO audit.events ("Id", "TenantId", "FamilyId", "At", "Type", "ActorUserId", "ActorName", "Outcome")
                  SELECT src.id, {tenant}, @origin, now(), '{type}', @origin, 'raw', 'Succeeded' FROM src
                  RETURNING "Sequence", "Id", "TenantId", "FamilyId")
                INSERT INTO audit.event_targets ("EventSequence", "Kind", "TargetId", "TenantId", "FamilyId")
                SELECT e."Sequence", 'credential', src.c, e."TenantId", e."FamilyId" FROM e JOIN src ON src.id = e."Id"
                UNION ALL
                SELECT e."Sequence", 'tenant', {other}, e."TenantId", e."FamilyId" FROM e
                """, type);
        }
    }

    private static async Task<double> TimedAsync(NpgsqlConnection connection, IEnumerable<(string Sql, string? Type)> statements, Guid origin, Guid target, List<Guid> ids)
    {
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (sql, _) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("origin", origin);
            command.Parameters.AddWithValue("target", target);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The list page's SQL alone, from this process: the floor under both the API and the bare endpoint.</summary>
    private async Task<double> RawListSqlAsync(Guid tenant, string? after)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        var times = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            await using var command = new NpgsqlCommand(SecureShare.Host.Infrastructure.BareEndpoints.ListSql(after is not null), connection);
            command.Parameters.AddWithValue("t", tenant);
            command.Parameters.AddWithValue("tag", "TAG-3");
            command.Parameters.AddWithValue("n", 51);
            if (after is not null)
            {
                command.Parameters.AddWithValue("after", after);
            }

            var watch = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Median(times.Skip(5).ToList());
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

    private static async Task<HttpClient> SignInAsync(HostProcess host, string email)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = host.PrintedPassword(email) }))
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
