using System.Diagnostics;
using Shouldly;

namespace SecureShare.Testing;

/// <summary>The built Host as a real process (Kestrel on a loopback port of its own, its own data directory), as the README runs it.</summary>
public sealed class HostProcess : IDisposable
{
    private const string ListeningOn = "Now listening on:";

    private readonly List<string> _output = [];

    private HostProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    /// <summary>The port Kestrel bound, as it printed it.</summary>
    public int Port { get; private set; }

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
    public static Task<HostProcess> StartAsync(string dataDirectory, params string[] extraArguments) =>
        StartAppAsync(HostAssembly, dataDirectory, extraArguments);

    /// <summary>Starts a built app that runs the Host (the Host itself, or the benchmark's host) and waits until it listens.</summary>
    public static Task<HostProcess> StartAppAsync(string assembly, string dataDirectory, params string[] extraArguments) =>
        LaunchAsync(Command([.. ListenAnywhere, "--DataDirectory", dataDirectory, .. extraArguments], assembly));

    /// <summary>
    /// Port 0: Kestrel binds a free port itself and prints it. A port picked here and handed over would be free only
    /// until something else (another test's Host, any outgoing connection) took it while this Host started.
    /// </summary>
    public static IReadOnlyList<string> ListenAnywhere { get; } = ["--urls", "http://127.0.0.1:0"];

    /// <summary>
    /// The arguments of a Host on a shared PostgreSQL database, as on a cluster: the installation's keys come from
    /// configuration (the tests' own), not from each host's data folder.
    /// </summary>
    public static string[] OnPostgres(string connectionString) =>
    [
        "--Database:Provider", "PostgreSql", "--Database:ConnectionString", connectionString,
        "--Security:MasterKey", TestApp.MasterKey, "--Auth:SigningKey", TestApp.SigningKey,
    ];

    /// <summary>Starts a Host as <paramref name="start"/> says (its arguments include <see cref="ListenAnywhere"/>) and waits until it listens.</summary>
    public static async Task<HostProcess> LaunchAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var host = new HostProcess(Process.Start(start)!);
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

            if (e.Data.Contains(ListeningOn, StringComparison.Ordinal))
            {
                host.Port = new Uri(e.Data[(e.Data.IndexOf(ListeningOn, StringComparison.Ordinal) + ListeningOn.Length)..].Trim()).Port;
                ready.TrySetResult();
            }
        };
        host.Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (host._output)
                {
                    host._output.Add($"stderr: {e.Data}");
                }
            }
        };
        host.Process.BeginOutputReadLine();
        host.Process.BeginErrorReadLine();

        // A Host that dies before it listens fails at once; one that does not listen in time fails with what it printed.
        var exited = host.Process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != ready.Task)
        {
            var what = first == exited ? $"exited with code {host.Process.ExitCode}" : "did not listen within 90 s";
            host.Dispose();
            throw new InvalidOperationException($"The Host {what}. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, host.Output)}");
        }

        return host;
    }

    /// <summary>The demo login printed at first start for this email: its password.</summary>
    public string PrintedPassword(string email) =>
        Output.Single(l => l.Contains(email, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    /// <summary>The command that runs the built Host with these arguments (build the solution first).</summary>
    public static ProcessStartInfo Command(IEnumerable<string> arguments, string? assembly = null) =>
        new("dotnet", [assembly ?? HostAssembly, .. arguments])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot, "src", "Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

    private static string HostAssembly => BuiltAssembly(Path.Combine("src", "Host"), "SecureShare.Host.dll");

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
