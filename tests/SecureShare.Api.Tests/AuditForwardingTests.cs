using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Modules.Audit.Features.Forwarding;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Every audit event reaches the configured syslog server as RFC 5424 over TCP, once the sealer links it, in chain order, once.</summary>
public abstract partial class AuditForwardingTests(TestApp app) : DatabaseTest(app)
{
    [GeneratedRegex(@"^<(?<pri>\d+)>1 (?<at>\S+) (?<host>\S+) secureshare - (?<type>\S+) \[audit@32473 tenant=""(?<tenant>[^""]+)"" event=""(?<event>[^""]+)"" sequence=""(?<sequence>\d+)"" outcome=""(?<outcome>\w+)""\] \uFEFF(?<json>.*)$", RegexOptions.Singleline)]
    private static partial Regex Rfc5424();

    private static async Task<int> SendAsync(WebApplicationFactory<Program> host, object command)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (int)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command))!;
    }

    /// <summary>Reads octet-counted frames (RFC 6587) from every connection the listener accepts, as they come.</summary>
    private static async Task ReceiveAsync(TcpListener listener, List<string> messages, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using var connection = await listener.AcceptTcpClientAsync(ct);
            var stream = connection.GetStream();
            while (true)
            {
                var length = new StringBuilder();
                int b;
                while ((b = stream.ReadByte()) is >= '0' and <= '9')
                {
                    length.Append((char)b);
                }

                if (b != ' ')
                {
                    break; // the sender closed the connection
                }

                var frame = new byte[int.Parse(length.ToString())];
                await stream.ReadExactlyAsync(frame, ct);
                lock (messages)
                {
                    messages.Add(Encoding.UTF8.GetString(frame));
                }
            }
        }
    }

    [Fact]
    public async Task Every_linked_event_reaches_a_syslog_listener_once_in_chain_order()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var messages = new List<string>();
        using var stop = new CancellationTokenSource();
        var receiving = ReceiveAsync(listener, messages, stop.Token);
        await using var host = App.CreateFactory(new Dictionary<string, string?>
        {
            ["Audit:Syslog:Host"] = "127.0.0.1",
            ["Audit:Syslog:Port"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(),
            ["Audit:Syslog:Tls"] = "false",
            ["Audit:Syslog:Hostname"] = "vault-1",
        });

        var family = await App.Family().Client("Acme").BuildAsync();
        var admin = family.Admin.Api;
        (await SendAsync(host, new ForwardAuditLog.Command())).ShouldBe(0); // nothing is linked yet: nothing is sent
        await SendAsync(host, new SealAuditLog.Command());
        var first = await SendAsync(host, new ForwardAuditLog.Command());
        first.ShouldBeGreaterThan(0);

        var denied = await admin.GetAsync($"/api/v1/credentials/{Guid.NewGuid()}");
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Router", secret = "s3cret" }).CreatedIdAsync();
        await SendAsync(host, new SealAuditLog.Command());
        var second = await SendAsync(host, new ForwardAuditLog.Command());
        second.ShouldBeGreaterThan(0);
        (await SendAsync(host, new ForwardAuditLog.Command())).ShouldBe(0); // the cursor moved: nothing twice

        await Until(() => { lock (messages) { return messages.Count >= first + second; } });
        await stop.CancelAsync();
        listener.Stop();
        List<Match> parsed;
        lock (messages)
        {
            messages.Count.ShouldBe(first + second);
            parsed = messages.Select(m => Rfc5424().Match(m)).ToList();
        }

        parsed.ShouldAllBe(m => m.Success);
        parsed.ShouldAllBe(m => m.Groups["host"].Value == "vault-1");
        foreach (var tenant in parsed.GroupBy(m => m.Groups["tenant"].Value))
        {
            tenant.Select(m => long.Parse(m.Groups["sequence"].Value)).ShouldBe(Enumerable.Range(1, tenant.Count()).Select(i => (long)i));
        }

        var msp = parsed.Where(m => Guid.Parse(m.Groups["tenant"].Value) == family.MspId).ToList();
        var logged = (await admin.GetAsync("/api/v1/audit?limit=500").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items;
        msp.Select(m => Guid.Parse(m.Groups["event"].Value)).ShouldBe(logged.Reverse().Select(e => e.Id));
        var created = msp.Single(m => m.Groups["type"].Value == "credential.created");
        created.Groups["pri"].Value.ShouldBe("110"); // facility 13 (log audit), informational
        JsonDocument.Parse(created.Groups["json"].Value).RootElement.GetProperty("event").GetProperty("type").GetString().ShouldBe("credential.created");
        msp.Single(m => m.Groups["type"].Value == "request.refused").Groups["pri"].Value.ShouldBe("108"); // a refusal is a warning
        string.Concat(messages).ShouldNotContain("s3cret");
        try
        {
            await receiving;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the listener did not receive every message");
            await Task.Delay(20);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditForwardingTests_Sqlite(SqliteApp app) : AuditForwardingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditForwardingTests_Postgres(PostgresApp app) : AuditForwardingTests(app);
