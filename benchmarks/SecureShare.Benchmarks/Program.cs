namespace SecureShare.Benchmarks;

/// <summary>
/// Measures SecureShare through its HTTP API on a real PostgreSQL, beside the limits the same work has
/// without the application: raw batched SQL for bulk sharing, bare endpoints in the same host for the
/// list page and the reveal. Usage:
///   dotnet benchmarks/SecureShare.Benchmarks/bin/Release/net10.0/SecureShare.Benchmarks.dll --postgres "Host=…;Username=…;Password=…" [--small] [--out file.md]
///   dotnet …/SecureShare.Benchmarks.dll --sqlite [--small] [--out file.md]
/// --files-only takes only the files' figure (a 100 MB file up and down, the Host's memory meanwhile); --import-only only
/// the import's (10,000 rows upload to committed, and a 50 MB file).
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
