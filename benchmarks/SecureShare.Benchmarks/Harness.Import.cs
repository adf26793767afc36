using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

/// <summary>
/// Import: a 10,000-row Bitwarden CSV (nested folders, notes, a custom field, TOTP on one row in ten) from the first byte
/// sent to the committed answer, its dry run, the SQL statements of each beside a 1,000-row file (constant statements: the
/// count does not grow with the rows); then a 50 MB file (10,000 rows with 5 KB notes) generated as it is sent, the Host's
/// RSS sampled every 20 ms. Targets: 10,000 rows ≤ 5 s on PostgreSQL; the 50 MB file never whole in memory.
/// </summary>
internal sealed partial class Harness
{
    private int ImportRows => options.Small ? 2_000 : 10_000;

    private async Task MeasureImportAsync(string app, string[] database)
    {
        using var host = await HostProcess.StartAppAsync(app, DataDirectory, [.. database, "--Demo:Enabled", "true", "--Demo:Content", "false",
            "--Auth:LoginsPerIpPerMinute", "1000000"]);
        _adminPassword ??= host.PrintedPassword("admin@demo-msp.example");
        var msp = await SignInAsync(host, "admin@demo-msp.example", _adminPassword);
        await ImportAsync(msp, Rows("warm", 200, 40), dryRun: false); // the code paths warm

        _lines.Add($"## Import (Bitwarden CSV, streamed; {ImportRows:N0} rows in 200 nested folders)");
        _lines.Add("");
        _lines.Add("| import | rows | file | seconds, upload to committed | rows/s | SQL statements | Host RSS raised by |");
        _lines.Add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, rows, notes, dryRun) in new[]
        {
            ("1,000 rows", 1_000, 40, false),
            ("dry run", ImportRows, 40, true),
            ("import", ImportRows, 40, false),
            ("50 MB file (5 KB notes a row)", ImportRows, options.Small ? 1_000 : 5_000, false),
        })
        {
            var content = Rows($"{name} ", rows, notes);
            var logged = RequestLines(host, "POST", "/api/v1/imports").Count;
            ImportAnswer? answer = null;
            var (seconds, before, peak) = await WithRssAsync(host, async () => answer = await ImportAsync(msp, content, dryRun));
            var sql = await SqlStatementsAsync(host, "POST", "/api/v1/imports", logged);
            if (answer!.Created != rows || answer.Skipped != 0)
            {
                throw new InvalidOperationException($"The import of {rows} rows created {answer.Created} and skipped {answer.Skipped}.");
            }

            _lines.Add($"| {name} | {rows:N0} | {content.Bytes / 1024.0 / 1024:0.0} MB | {seconds:0.00} | {rows / seconds:0} | {sql} | +{(peak - before) / 1024.0 / 1024:0} MB |");
        }

        _lines.Add("");
    }

    private sealed record ImportAnswer(int Created, int Skipped);

    private static async Task<ImportAnswer> ImportAsync(HttpClient client, GeneratedCsv csv, bool dryRun)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
            { new StringContent("bitwarden-csv"), "format" },
            { csv, "file", "export.csv" },
        };
        using var response = await client.PostAsync("/api/v1/imports", form);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ImportAnswer(report.GetProperty("created").GetInt32(), report.GetProperty("skipped").GetArrayLength());
    }

    private static GeneratedCsv Rows(string prefix, int rows, int notes) => new(prefix, rows, notes);

    /// <summary>A Bitwarden CSV written row by row as it is sent: the sender never holds it whole either.</summary>
    private sealed class GeneratedCsv : HttpContent
    {
        private const string Header = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n";
        private readonly string _prefix;
        private readonly int _rows;
        private readonly string _notes;

        public GeneratedCsv(string prefix, int rows, int notes)
        {
            (_prefix, _rows, _notes) = (prefix, rows, new string('n', notes));
            Bytes = Encoding.UTF8.GetByteCount(Header) + Enumerable.Range(0, rows).Sum(i => (long)Encoding.UTF8.GetByteCount(Row(i)));
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        public long Bytes { get; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await writer.WriteAsync(Header);
            for (var i = 0; i < _rows; i++)
            {
                await writer.WriteAsync(Row(i));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Bytes;
            return true;
        }

        private string Row(int i) => string.Create(CultureInfo.InvariantCulture,
            $"Clients/Client {i % 20:D2}/Site {i % 200 / 20},{(i % 50 == 0 ? "1" : "")},login,{_prefix}Device {i:D6},{_notes} {i},\"Serial: SN-{i}\",0,"
            + $"https://device-{i}.example,admin{i},secret-{i}-{i * 7919 % 10007},{(i % 10 == 0 ? "JBSWY3DPEHPK3PXP" : "")}\n");
    }
}
