using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The README's run command, as a real process on the embedded SQLite default: it starts, is
/// ready, prints the demo logins once, and the printed MSP admin signs in.
/// </summary>
public sealed class ReadmeRunTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"secureshare-readme-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_app_starts_on_sqlite_prints_the_demo_logins_and_the_msp_admin_signs_in_and_the_master_key_rotates()
    {
        var port = FreePort();
        Guid credential;
        var first = await RunUntilReadyAsync(port);
        var printed = first.Output;
        var mspAdmin = printed.Single(l => l.Contains("admin@demo-msp.example", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var password = mspAdmin[^1];

        using (first.Process)
        {
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@demo-msp.example", password }).ReadJsonAsync(HttpStatusCode.OK);
            http.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
            var me = await http.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK);
            me.GetProperty("tenantName").GetString().ShouldBe("Demo MSP");
            me.GetProperty("tenantKind").GetString().ShouldBe("Msp");
            me.GetProperty("role").GetString().ShouldBe("Admin");
            printed.Count(l => l.Contains("@", StringComparison.Ordinal) && l.Contains(".example", StringComparison.Ordinal)).ShouldBe(9);
            credential = (await http.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Core switch", secret = "switch-secret" })
                .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            Stop(first.Process);
        }

        // The operator rotates the key-file master key; the secrets stay readable with the new key alone.
        var oldKey = await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "master.key"));
        using (var rotate = Process.Start(HostCommand(["rotate-master-key", "--new-key", "--DataDirectory", _dataDirectory]))!)
        {
            (await rotate.StandardOutput.ReadToEndAsync()).ShouldContain("Re-wrapped 3 tenant data key(s)");
            await rotate.WaitForExitAsync();
            rotate.ExitCode.ShouldBe(0);
        }

        (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "master.key"))).ShouldNotBe(oldKey);
        Directory.GetFiles(_dataDirectory, "master.key.retired-*").Length.ShouldBe(1);

        // A second start on the same data prints no logins: they are shown once.
        var port2 = FreePort();
        var second = await RunUntilReadyAsync(port2);
        using (second.Process)
        {
            second.Output.ShouldNotContain(l => l.Contains("admin@demo-msp.example", StringComparison.Ordinal));
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port2}") };
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@demo-msp.example", password }).ReadJsonAsync(HttpStatusCode.OK);
            http.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
            var secret = await http.GetAsync($"/api/v1/credentials/{credential}/secret").ReadJsonAsync(HttpStatusCode.OK);
            secret.GetProperty("secret").GetString().ShouldBe("switch-secret");
            Stop(second.Process);
        }
    }

    private ProcessStartInfo HostCommand(IEnumerable<string> arguments)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SecureShare.slnx")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var host = Path.Combine(root, "src", "Host", "bin", configuration, "net10.0", "SecureShare.Host.dll");
        File.Exists(host).ShouldBeTrue($"build the solution first: {host}");
        return new ProcessStartInfo("dotnet", [host, .. arguments])
        {
            WorkingDirectory = Path.Combine(root, "src", "Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
    }

    private async Task<(Process Process, List<string> Output)> RunUntilReadyAsync(int port)
    {
        var process = Process.Start(HostCommand(["--urls", $"http://127.0.0.1:{port}", "--DataDirectory", _dataDirectory]))!;
        var output = new List<string>();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        lock (output)
        {
            return (process, output.ToList());
        }
    }

    private static void Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
