using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Shouldly;

namespace SecureShare.Testing;

/// <summary>The built Host as a real process (Kestrel on a free loopback port, its own data directory), as the README runs it.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly List<string> _output = [];

    private HostProcess(Process process, int port)
    {
        Process = process;
        Port = port;
    }

    public Process Process { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public List<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts the Host on <paramref name="dataDirectory"/> and waits until it listens.</summary>
    public static async Task<HostProcess> StartAsync(string dataDirectory, params string[] extraArguments)
    {
        var port = FreePort();
        var host = new HostProcess(Process.Start(Command(["--urls", $"http://127.0.0.1:{port}", "--DataDirectory", dataDirectory, .. extraArguments]))!, port);
        var ready = new TaskCompletionSource();
        host.Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (host._output)
            {
                host._output.Add(e.Data);
            }

            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        host.Process.ErrorDataReceived += (_, _) => { };
        host.Process.BeginOutputReadLine();
        host.Process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>The demo login printed at first start for this email: its password.</summary>
    public string PrintedPassword(string email) =>
        Output.Single(l => l.Contains(email, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    /// <summary>The command that runs the built Host with these arguments (build the solution first).</summary>
    public static ProcessStartInfo Command(IEnumerable<string> arguments)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }

        Process.Dispose();
    }
}
