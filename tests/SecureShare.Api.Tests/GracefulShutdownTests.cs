using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A host told to stop (SIGTERM: a rolling update, a scale-in) leaves without failing a request: it reports itself not
/// ready while it goes on serving for its drain delay, then finishes what is in flight, stops its job workers and
/// exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"secureshare-shutdown-{Guid.NewGuid():N}");

    [Fact]
    public async Task On_sigterm_a_host_says_it_is_not_ready_keeps_serving_through_its_drain_delay_and_exits_cleanly()
    {
        using var host = await HostProcess.StartAsync(_root, [.. HostProcess.OnPostgres(_database.ConnectionString), "--Demo:Enabled", "true", "--Host:DrainDelay", "00:00:10"]);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@demo-msp.example", password = host.PrintedPassword("admin@demo-msp.example") })
            .ReadJsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Requests keep coming, as from a balancer that has not yet noticed.
        using var stopLoad = new CancellationTokenSource();
        var answers = new List<HttpStatusCode>();
        var load = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                var status = (await client.GetAsync("/api/v1/credentials")).StatusCode;
                lock (answers)
                {
                    answers.Add(status);
                }
            }
        })).ToList();
        await Task.Delay(500);

        using (var term = Process.Start("kill", ["-TERM", host.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(8);
        while ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK, "alive: a liveness probe must not restart a draining host");
        (await client.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK, "still serving while the balancer notices");
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        answers.ShouldNotBeEmpty();
        answers.ShouldAllBe(a => a == HttpStatusCode.OK);

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await host.Process.WaitForExitAsync(exit.Token);
        host.Process.ExitCode.ShouldBe(0, string.Join(Environment.NewLine, host.Output.TakeLast(30)));
        host.Output.ShouldContain(l => l.Contains("Shutting down: not ready from now on", StringComparison.Ordinal));
        host.Output.ShouldNotContain(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal));

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
