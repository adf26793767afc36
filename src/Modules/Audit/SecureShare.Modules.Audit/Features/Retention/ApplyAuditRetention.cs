using System.Globalization;
using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit.Features.Retention;

/// <summary>
/// Removes each tenant's events older than its retention from the start of its chain (decision 0031), the only
/// path that opens the append-only gate. Only a prefix of the chain goes, and only after its links are recomputed:
/// a broken part is never removed (it stays as evidence, and retention stops there). Each batch removes the events,
/// their targets and links, moves the head's start to the last removed link, and writes a checkpoint event
/// (<c>audit.retention.applied</c>) that names that link, in one transaction. Run by a recurring job every day.
/// </summary>
public static class ApplyAuditRetention
{
    private const int Batch = 5000;

    /// <summary>Answers how many events were removed.</summary>
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        ModuleDbContextFactory<AuditDbContext> contexts, DbSession session, ITenantStore tenants, IAuditTrail trail, AuditSigningKey key, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var db = contexts.Create();

            // Deliberate bypass: retention spans every tenant; it reads which tenants have a chain and their policies,
            // then removes each tenant's old events inside it.
            var chains = await db.Heads.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().Select(h => h.TenantId).ToListAsync(ct);
            var policies = await db.Policies.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().ToDictionaryAsync(p => p.TenantId, p => p.RetentionDays, ct);
            var removed = 0;
            foreach (var tenantId in chains)
            {
                if (await tenants.FindAsync(tenantId, ct) is not { } tenant)
                {
                    continue;
                }

                var days = policies.GetValueOrDefault(tenantId, AuditPolicy.DefaultRetentionDays);
                var before = now.AddDays(-days);
                using (TenantContext.Begin(tenant))
                {
                    int batch;
                    do
                    {
                        batch = await session.InTransactionAsync(() => RemoveBatchAsync(tenant, before, days, ct), ct);
                        removed += batch;
                    }
                    while (batch == Batch);
                }
            }

            return removed;
        }

        private async Task<int> RemoveBatchAsync(TenantInfo tenant, DateTimeOffset before, int days, CancellationToken ct)
        {
            var db = contexts.Create();
            await db.Database.LockAsync($"audit-chain:{tenant.Id:N}", ct);
            var head = await db.Heads.SingleAsync(ct);
            if (!key.Signed(head))
            {
                return 0; // a head changed behind the log's back: nothing is removed (the sealer logs it, verify names it)
            }

            // The old prefix, each link recomputed: stop at the first event that is recent, or that does not check.
            var page = await ChainLinks.PageAsync(db, head.StartIndex, head.Index, Batch, ct);
            var previous = head.StartHash ?? AuditChain.Genesis;
            var expected = head.StartIndex + 1;
            var prefix = new List<(AuditChainLink Link, AuditEvent Event)>();
            foreach (var (link, e) in page)
            {
                if (link.Index != expected || e is null || e.At >= before
                    || AuditChain.TryLink(previous, e) is not { } recomputed || !CryptographicOperations.FixedTimeEquals(recomputed, link.Hash))
                {
                    break;
                }

                prefix.Add((link, e));
                previous = link.Hash;
                expected++;
            }

            if (prefix.Count == 0)
            {
                return 0;
            }

            var last = prefix[^1].Link;
            var sequences = prefix.Select(p => p.Event.Sequence).ToList();
            var gate = new AuditMaintenanceGate { Id = Guid.NewGuid(), Reason = "retention" };
            db.Gate.Add(gate);
            await db.SaveChangesAsync(ct);
            await db.Links.Where(l => l.Index > head.StartIndex && l.Index <= last.Index).ExecuteDeleteAsync(ct);
            await db.Events.Where(e => sequences.Contains(e.Sequence)).ExecuteDeleteAsync(ct); // targets go with them (cascade)
            await db.Gate.Where(g => g.Id == gate.Id).ExecuteDeleteAsync(ct);

            head.StartIndex = last.Index;
            head.StartHash = last.Hash;
            head.SignedAt = AuditChain.SigningInstant(clock.GetUtcNow());
            head.Signature = key.SignHead(head, head.SignedAt);
            await db.SaveChangesAsync(ct);
            await trail.RecordAsync(
                new AuditRecord(AuditLogEvents.RetentionApplied, AuditOutcome.Succeeded, [], new Dictionary<string, string>
                {
                    ["removedThrough"] = last.Index.ToString(CultureInfo.InvariantCulture),
                    ["lastRemovedHash"] = Convert.ToHexStringLower(last.Hash),
                    ["removed"] = prefix.Count.ToString(CultureInfo.InvariantCulture),
                    ["olderThan"] = before.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                    ["retentionDays"] = days.ToString(CultureInfo.InvariantCulture),
                }),
                ct);
            return prefix.Count;
        }
    }
}
