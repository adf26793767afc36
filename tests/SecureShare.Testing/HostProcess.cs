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
    public static ProcessStartInfo Command(IEnumerable<string> arguments) =>
        new("dotnet", [BuiltAssembly(Path.Combine("src", "Host"), "SecureShare.Host.dll"), .. arguments])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot, "src", "Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

    /// <summary>The folder that holds SecureShare.slnx.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "SecureShare.slnx")))
            {
                root = Path.GetDirectoryName(root)!;
            }

            return root;
        }
    }

    /// <summary>A project's built assembly, in the configuration these tests were built in.</summary>
    public static string BuiltAssembly(string projectDirectory, string assemblyName)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot, projectDirectory, "bin", configuration, "net10.0", assemblyName);
        File.Exists(path).ShouldBeTrue($"build the solution first: {path}");
        return path;
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
