using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit.Features.Forwarding;

/// <summary>
/// Sends every tenant's newly linked events, in chain order, to the configured syslog server (RFC 5424 over TCP, TLS
/// by default), and moves the tenant's forward cursor after each page the connection took: at least once, in order,
/// resumed where it stopped. Run by a recurring job every minute; does nothing while <c>Audit:Syslog:Host</c> is unset.
/// </summary>
public static class ForwardAuditLog
{
    private const int PageSize = 500;

    /// <summary>Answers how many events were sent.</summary>
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        ModuleDbContextFactory<AuditDbContext> contexts, DbSession session, ITenantStore tenants, AuditOptions options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var syslog = options.Syslog;
            if (string.IsNullOrWhiteSpace(syslog.Host))
            {
                return 0;
            }

            // Deliberate bypass: forwarding spans every tenant; it reads heads and cursors, then reads each tenant's events inside it.
            var db = contexts.Create();
            var heads = await db.Heads.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().Select(h => new { h.TenantId, h.Index }).ToListAsync(ct);
            var cursors = await db.ForwardCursors.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().ToDictionaryAsync(c => c.TenantId, c => c.Position, ct);
            var pending = heads.Where(h => h.Index > cursors.GetValueOrDefault(h.TenantId)).ToList();
            if (pending.Count == 0)
            {
                return 0;
            }

            // A collector that stops answering fails the run (its cursor stays) instead of holding the job.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(TimeSpan.FromMinutes(2));
            ct = patience.Token;
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(syslog.Host, syslog.Port, ct);
            await using var stream = syslog.Tls ? await TlsAsync(tcp.GetStream(), syslog.Host, ct) : tcp.GetStream();
            var hostname = string.IsNullOrWhiteSpace(syslog.Hostname) ? Environment.MachineName : syslog.Hostname;
            var sent = 0;
            foreach (var head in pending)
            {
                if (await tenants.FindAsync(head.TenantId, ct) is not { } tenant)
                {
                    continue;
                }

                using (TenantContext.Begin(tenant))
                {
                    var entries = new AuditLogEntries(contexts.Create());
                    var position = cursors.GetValueOrDefault(head.TenantId);
                    IReadOnlyList<AuditLogEntryDto> page;
                    do
                    {
                        page = await entries.LinkedAsync(new AuditFilter(null, null, null, null, null), position, head.Index, PageSize, ct);
                        foreach (var entry in page)
                        {
                            var e = entry.Event;
                            await stream.WriteAsync(SyslogMessage.Frame(
                                hostname, syslog.EnterpriseId, e.TenantId, e.Id, entry.Sequence!.Value, e.Type, e.Outcome, e.At,
                                JsonSerializer.Serialize(entry, json.Value.SerializerOptions)), ct);
                        }

                        await stream.FlushAsync(ct);
                        if (page.Count > 0)
                        {
                            position = page[^1].Sequence!.Value;
                            sent += page.Count;
                            await session.InTransactionAsync(() => MoveCursorAsync(position, ct), ct);
                        }
                    }
                    while (page.Count == PageSize);
                }
            }

            return sent;
        }

        private static async Task<Stream> TlsAsync(NetworkStream stream, string host, CancellationToken ct)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, ct);
            return tls;
        }

        private async Task<int> MoveCursorAsync(long position, CancellationToken ct)
        {
            var db = contexts.Create();
            var cursor = await db.ForwardCursors.SingleOrDefaultAsync(ct);
            if (cursor is null)
            {
                db.ForwardCursors.Add(new AuditForwardCursor { Position = position });
            }
            else if (cursor.Position < position)
            {
                cursor.Position = position;
            }

            return await db.SaveChangesAsync(ct);
        }
    }
}
