using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Benchmarks;

/// <summary>Files: a 100 MB upload and download, streamed both ways, and what they cost the Host in memory.</summary>
internal sealed partial class Harness
{
    /// <summary>100 MB; 10 in a small run.</summary>
    private long FileBytes => (options.Small ? 10L : 100L) * 1024 * 1024;

    /// <summary>
    /// A Host of its own on the run's database (the file limit raised to 128 MiB): a 2 MB file up and down first (the
    /// code paths warm), then 100 MB uploaded from a generated stream (never whole in this process either) and downloaded
    /// and compared as it arrives, the Host's RSS sampled every 20 ms. Target: each raises the RSS by less than 40 MB.
    /// </summary>
    private async Task MeasureFilesAsync(string app, string[] database)
    {
        using var host = await HostProcess.StartAppAsync(app, DataDirectory, [.. database, "--Demo:Enabled", "true", "--Demo:Content", "false",
            "--Files:MaxFileMb", "128", "--Files:TenantQuotaMb", "4096", "--Auth:LoginsPerIpPerMinute", "1000000"]);
        var msp = await SignInAsync(host, "admin@demo-msp.example", _adminPassword);
        var credential = (await (await msp.PostAsJsonAsync("/api/v1/credentials", new { kind = "File", name = "Benchmark disk image" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var warm = await UploadAsync(msp, credential, 2 * 1024 * 1024, seed: 1);
        await DownloadAsync(msp, credential, warm, 2 * 1024 * 1024, seed: 1);
        (await msp.DeleteAsync($"/api/v1/credentials/{credential}/attachments/{warm}")).EnsureSuccessStatusCode();
        await Task.Delay(2000);

        _lines.Add($"## Files ({FileBytes / 1024 / 1024} MB, streamed; Host RSS sampled every 20 ms)");
        _lines.Add("");
        _lines.Add("| operation | seconds | MB/s | RSS before | RSS at most | raised by (target < 40 MB) |");
        _lines.Add("| --- | ---: | ---: | ---: | ---: | ---: |");
        Guid attachment = default;
        foreach (var (name, step) in new (string, Func<Task>)[]
        {
            ("upload", async () => attachment = await UploadAsync(msp, credential, FileBytes, seed: 2)),
            ("download (checked whole first, then sent)", () => DownloadAsync(msp, credential, attachment, FileBytes, seed: 2)),
        })
        {
            var (seconds, before, peak) = await WithRssAsync(host, step);
            _lines.Add($"| {name} | {seconds:0.0} | {FileBytes / 1024.0 / 1024 / seconds:0} | {before / 1024.0 / 1024:0} MB | {peak / 1024.0 / 1024:0} MB | **+{(peak - before) / 1024.0 / 1024:0} MB** |");
        }

        _lines.Add("");
    }

    /// <summary>Runs a step while the Host's RSS is sampled every 20 ms: its seconds, the RSS before it and the most during it.</summary>
    private static async Task<(double Seconds, long Before, long Peak)> WithRssAsync(HostProcess host, Func<Task> step)
    {
        var before = ReadStatusKb(host.Process.Id, "VmRSS:") * 1024;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ReadStatusKb(host.Process.Id, "VmRSS:") * 1024);
                await Task.Delay(20);
            }
        });
        var watch = Stopwatch.StartNew();
        await step();
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        return (watch.Elapsed.TotalSeconds, before, Math.Max(peak, ReadStatusKb(host.Process.Id, "VmRSS:") * 1024));
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid credential, long length, int seed)
    {
        var part = new StreamContent(new GeneratedStream(length, seed), 256 * 1024);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { part, "file", "disk.img" } };
        using var response = await client.PostAsync($"/api/v1/credentials/{credential}/attachments", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task DownloadAsync(HttpClient client, Guid credential, Guid attachment, long length, int seed)
    {
        using var response = await client.GetAsync($"/api/v1/credentials/{credential}/attachments/{attachment}/content", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var expected = new GeneratedStream(length, seed);
        var got = new byte[256 * 1024];
        var want = new byte[got.Length];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(got)) > 0)
        {
            await expected.ReadExactlyAsync(want.AsMemory(0, read));
            if (!got.AsSpan(0, read).SequenceEqual(want.AsSpan(0, read)))
            {
                throw new InvalidOperationException($"The download differs from the upload near byte {total:N0}.");
            }

            total += read;
        }

        if (total != length)
        {
            throw new InvalidOperationException($"The download has {total:N0} bytes, not {length:N0}.");
        }
    }

    /// <summary>A read-only stream of <c>length</c> pseudo-random bytes from a seed: the same bytes again for the same seed, none of them kept.</summary>
    private sealed class GeneratedStream(long length, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            _random.NextBytes(buffer[..count]);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
