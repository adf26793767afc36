using System.Globalization;

namespace SecureShare.Benchmarks;

internal sealed record Options(string? Server, int Credentials, int Bulk, int Requests, int AuditEvents, bool Small, string? Out, bool Keep, bool FilesOnly = false, bool ImportOnly = false)
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
            int.Parse(Value("--audit-events") ?? (small ? "20000" : "1000000"), CultureInfo.InvariantCulture),
            small,
            Value("--out"),
            args.Contains("--keep"),
            args.Contains("--files-only"),
            args.Contains("--import-only"));
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
