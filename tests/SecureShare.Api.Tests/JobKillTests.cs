using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A bulk share of 50,000 credentials runs as a job that reports its progress at least every second; its host is killed
/// halfway (SIGKILL: no goodbye), and nothing of it is applied; another host picks the job up and applies all of it.
/// Real processes on a shared PostgreSQL database, as on a cluster.
/// </summary>
public sealed class JobKillTests : IAsyncLifetime
{
    private const int Items = 50_000;

    private static readonly string[] Jobs = ["--Jobs:InvisibilityTimeout", "00:00:05", "--Jobs:QueuePollInterval", "00:00:01"];

    private readonly PostgresTestDatabase _database = new();

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"secureshare-jobkill-{Guid.NewGuid():N}");

    private sealed record Poll(DateTime At, string State, int Done, DateTimeOffset? ReportedAt);

    [Fact]
    public async Task A_job_of_50000_items_reports_progress_every_second_and_is_all_or_nothing_when_its_host_is_killed_halfway()
    {
        List<Guid> ids;
        Guid target;
        string jobId, token;
        long before;
        var polls = new List<Poll>();
        using (var first = await HostProcess.StartAsync(Path.Combine(_root, "a"), [.. HostProcess.OnPostgres(_database.ConnectionString), "--Demo:Enabled", "true", .. Jobs]))
        {
            using var msp = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var login = await msp.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@demo-msp.example", password = first.PrintedPassword("admin@demo-msp.example") })
                .ReadJsonAsync(HttpStatusCode.OK);
            token = login.GetProperty("accessToken").GetString()!;
            msp.DefaultRequestHeaders.Authorization = new("Bearer", token);
            target = (await msp.GetFromJsonAsync<JsonElement>("/api/v1/shares/partners")).EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "Fabrikam Legal").GetProperty("id").GetGuid();
            ids = await ImportAsync(msp);
            before = await SharesAsync(); // the demo's own shares

            var started = await msp.PostAsJsonAsync("/api/v1/shares/bulk", new { credentialIds = ids, targetTenantId = target, enabled = true, audience = new { everyone = true }, permission = "View" })
                .ReadJsonAsync(HttpStatusCode.Accepted);
            jobId = started.GetProperty("jobId").GetString()!;

            // Follow it until half is done, then kill its host outright.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (polls.LastOrDefault() is not { Done: >= Items / 2 } && DateTime.UtcNow < deadline)
            {
                var job = await msp.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
                polls.Add(new Poll(DateTime.UtcNow, job.GetProperty("state").GetString()!, job.GetProperty("done").GetInt32(), job.GetProperty("reportedAt") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : null));
                polls.Last().State.ShouldBeOneOf(["queued", "running"]);
                await Task.Delay(100);
            }

            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        polls.Last().Done.ShouldBeGreaterThanOrEqualTo(Items / 2, "the job got halfway before its host was killed");
        polls.Last().Done.ShouldBeLessThan(Items, "killed before the end");
        polls.Where(p => p.State == "running").Select(p => p.Done).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5, "progress moves as the work goes, not at its end");
        var running = polls.Where(p => p.State == "running").ToList();
        foreach (var (earlier, later) in running.SelectMany(e => running.Where(l => l.At - e.At >= TimeSpan.FromSeconds(1.5)).Take(1).Select(l => (e, l))))
        {
            later.ReportedAt.ShouldNotBe(earlier.ReportedAt, $"the job's record is written at least every second (polls at {earlier.At:HH:mm:ss.fff} and {later.At:HH:mm:ss.fff})");
        }

        (await SharesAsync()).ShouldBe(before, "nothing of a killed job is applied");

        // Another host takes the job over once its invisibility timeout has passed, and runs it from the start.
        using var second = await HostProcess.StartAsync(Path.Combine(_root, "b"), [.. HostProcess.OnPostgres(_database.ConnectionString), .. Jobs]);
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var ended = await EndedAsync(client, jobId);
        ended.GetProperty("state").GetString().ShouldBe("succeeded", ended.ToString()[..Math.Min(2000, ended.ToString().Length)]);
        (ended.GetProperty("done").GetInt32(), ended.GetProperty("total").GetInt32()).ShouldBe((Items, Items));
        var results = ended.GetProperty("result").GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(Items);
        results.ShouldAllBe(r => r.GetProperty("outcome").GetString() == "shared");
        (await SharesAsync()).ShouldBe(before + Items);
    }

    private static async Task<List<Guid>> ImportAsync(HttpClient msp)
    {
        var ids = new List<Guid>();
        for (var start = 0; start < Items; start += 10_000)
        {
            var body = new { credentials = Enumerable.Range(start, 10_000).Select(i => new { kind = "Password", name = $"Device {i:D6}", secret = $"secret-{i}" }) };
            var imported = await msp.PostAsJsonAsync("/api/v1/credentials/import", body).ReadJsonAsync(HttpStatusCode.OK);
            ids.AddRange(imported.GetProperty("ids").EnumerateArray().Select(e => e.GetGuid()));
        }

        return ids;
    }

    private static async Task<JsonElement> EndedAsync(HttpClient client, string jobId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(500);
        }
    }

    private async Task<long> SharesAsync()
    {
        await using var connection = _database.OpenConnection();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM sharing.shares";
        return (long)(await count.ExecuteScalarAsync())!;
    }

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
