using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

/// <summary>The audit log at scale: the sealer's work during the run, and an export of a large log in constant memory.</summary>
internal sealed partial class Harness
{
    /// <summary>
    /// PostgreSQL: <see cref="Options.AuditEvents"/> events (with a target each, already linked) are written into the
    /// MSP's log by SQL, under the chain lock the sealer takes; then the whole log is exported as JSONL while the
    /// Host's RSS is sampled. Both databases: the sealer runs the Host logged during the benchmark.
    /// </summary>
    private async Task MeasureAuditAsync(HostProcess host, HttpClient msp, Guid mspTenant)
    {
        _lines.Add("## Audit log");
        _lines.Add("");
        var runs = host.Output.Where(l => l.Contains("Audit sealer linked", StringComparison.Ordinal))
            .Select(l => l.Split("Audit sealer linked ")[1].Split(' '))
            .Select(w => (Events: int.Parse(w[0], CultureInfo.InvariantCulture), Ms: double.Parse(w[6], CultureInfo.InvariantCulture)))
            .ToList();
        _lines.Add(runs.Count == 0
            ? "- sealer: no run with events during the benchmark"
            : $"- sealer (every minute, in the background): {runs.Count} runs linked {runs.Sum(r => r.Events):N0} events; the largest run {runs.Max(r => r.Events):N0} events in {runs.MaxBy(r => r.Events).Ms:0} ms; "
                + $"{runs.Sum(r => r.Events) / (runs.Sum(r => r.Ms) / 1000):N0} events/s");

        if (options.Sqlite)
        {
            _lines.Add("");
            return;
        }

        var seed = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(DatabaseConnection))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(SeedAuditSql, connection, transaction) { CommandTimeout = 600 };
            command.Parameters.AddWithValue("t", mspTenant);
            command.Parameters.AddWithValue("lock", $"audit-chain:{mspTenant:N}");
            command.Parameters.AddWithValue("n", options.AuditEvents);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            await new NpgsqlCommand("ANALYZE audit.events; ANALYZE audit.event_targets; ANALYZE audit.chain_links", connection).ExecuteNonQueryAsync();
        }

        seed.Stop();
        long bytes = 0, lines = 0;
        var (seconds, before, peak) = await WithRssAsync(host, async () =>
        {
            using var response = await msp.GetAsync("/api/v1/audit/export?format=jsonl", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        });
        _lines.Add($"- export: {options.AuditEvents:N0} events written into the MSP's log by SQL in {seed.Elapsed.TotalSeconds:0.0} s; GET /audit/export?format=jsonl streamed {lines - 1:N0} entries "
            + $"({bytes / 1024.0 / 1024.0:0} MB) in {seconds:0.0} s ({(lines - 1) / seconds:N0} events/s); "
            + $"host RSS {before / 1024.0 / 1024.0:0} MB before, {peak / 1024.0 / 1024.0:0} MB at most during it: **+{(peak - before) / 1024.0 / 1024.0:0} MB** (target < 50 MB)");
        _lines.Add("");
    }

    /// <summary>
    /// Waits (at most 5 minutes) until the sealer, a job every minute, has linked every event, so the latencies after it
    /// are measured with the sealer idle; says how long that took. Its throughput is in the audit section.
    /// </summary>
    private async Task SealerCaughtUpAsync(string after)
    {
        if (options.Small)
        {
            return; // seconds, not minutes: the small mode does not wait for the next run of the job
        }

        await using DbConnection connection = options.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "secureshare.db")};Mode=ReadOnly")
            : new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        var (events, links) = options.Sqlite ? ("audit_events", "audit_chain_links") : ("audit.events", "audit.chain_links");
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM {events} e WHERE NOT EXISTS (SELECT 1 FROM {links} l WHERE l."TenantId" = e."TenantId" AND l."EventSequence" = e."Sequence")""";
        var watch = Stopwatch.StartNew();
        long unlinked;
        while ((unlinked = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)) > 0 && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(2000);
        }

        _lines.Add("");
        _lines.Add(unlinked == 0
            ? $"The sealer had linked every event {watch.Elapsed.TotalSeconds:0} s after {after}; what follows is measured with it idle."
            : $"{unlinked:N0} events were still unlinked 5 minutes after {after}.");
    }

    /// <summary>n events of the tenant, each with a credential target and a link after the tenant's head (a placeholder hash: the export reads, it does not verify).</summary>
    private const string SeedAuditSql = """
        SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0));
        CREATE TEMP TABLE seed ON COMMIT DROP AS
          SELECT g, gen_random_uuid() AS id, gen_random_uuid() AS credential FROM generate_series(1, @n) g;
        INSERT INTO audit.events ("Id", "TenantId", "FamilyId", "TenantName", "At", "Type", "ActorUserId", "ActorName", "ActorTenantId", "ActorTenantName", "Ip", "UserAgent", "Outcome", "Details")
          SELECT id, @t, @t, 'Bench MSP', now() - interval '2 days' + g * interval '1 ms', 'credential.revealed', @t, 'Bench Technician', @t, 'Bench MSP', '192.0.2.10', 'bench/1.0', 'Succeeded', '{"via":"bench"}' FROM seed;
        INSERT INTO audit.event_targets ("EventSequence", "Kind", "TargetId", "Name", "TenantId", "FamilyId")
          SELECT e."Sequence", 'credential', s.credential, 'Bench device ' || s.g, @t, @t FROM seed s JOIN audit.events e ON e."Id" = s.id;
        INSERT INTO audit.chain_links ("TenantId", "Index", "EventSequence", "EventId", "Hash", "SealedAt", "FamilyId")
          SELECT @t, COALESCE((SELECT "Index" FROM audit.chain_heads WHERE "TenantId" = @t), 0) + s.g, e."Sequence", e."Id", sha256(convert_to(e."Id"::text, 'UTF8')), now(), @t
          FROM seed s JOIN audit.events e ON e."Id" = s.id;
        INSERT INTO audit.chain_heads ("TenantId", "FamilyId", "Index", "Hash", "SignedAt", "Signature", "KeyId", "StartIndex")
          VALUES (@t, @t, @n, sha256('bench'::bytea), now(), ''::bytea, 'bench', 0)
          ON CONFLICT ("TenantId") DO UPDATE SET "Index" = audit.chain_heads."Index" + @n;
        """;
}
