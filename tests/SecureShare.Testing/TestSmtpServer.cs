using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SecureShare.Testing;

/// <summary>
/// A real SMTP server inside the test process (the SmtpServer package) on a free loopback port: what the app sends
/// arrives here over SMTP and is read back with MimeKit.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<MimeMessage> _arrived = Channel.CreateUnbounded<MimeMessage>();
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_arrived.Writer));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The settings that send the app's email here.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:StartTls"] = "false",
        ["Email:From"] = "SecureShare <no-reply@secureshare.test>",
    };

    public static async Task<TestSmtpServer> StartAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new TestSmtpServer(port);
        await server.ListeningAsync();
        return server;
    }

    /// <summary>The next message that arrives (those sent before a request answered are here already).</summary>
    public async Task<MimeMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _arrived.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The messages that have arrived and not been read.</summary>
    public IReadOnlyList<MimeMessage> Waiting()
    {
        var messages = new List<MimeMessage>();
        while (_arrived.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Connects until the server accepts (it starts listening on another task).</summary>
    private async Task ListeningAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 200 && !_running.IsCompleted)
            {
                await Task.Delay(25);
            }
        }
    }

    private sealed class Store(ChannelWriter<MimeMessage> arrived) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            await arrived.WriteAsync(await MimeMessage.LoadAsync(stream, cancellationToken), cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
