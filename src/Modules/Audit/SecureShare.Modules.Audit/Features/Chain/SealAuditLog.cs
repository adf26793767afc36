using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit.Features.Chain;

/// <summary>
/// Links every tenant's committed, unlinked events into its chain, in sequence order, and signs each moved head
/// (decision 0028). Run by a recurring job every minute; writers never wait on it. Each tenant's batch is one
/// transaction holding that tenant's chain lock, so two sealers (two hosts, an overlapping run) never fork a chain.
/// </summary>
public static class SealAuditLog
{
    /// <summary>Answers how many events were linked.</summary>
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        ModuleDbContextFactory<AuditDbContext> contexts, DbSession session, ITenantStore tenants,
        AuditSigningKey key, AuditOptions options, TimeProvider clock, ILogger<Command> log) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            var now = clock.GetUtcNow();
            var cutoff = now - options.SealAfter;

            // Every event at or below the watermark was linked by an earlier run. An event stamped before `settled`
            // was inserted (its sequence taken) more than a transaction's length before now, so it and every lower
            // sequence are committed and this run links them: the highest such sequence is the next watermark.
            var longest = options.MaxTransactionTime > options.SealAfter ? options.MaxTransactionTime : options.SealAfter;
            var settled = now - longest - longest;
            var db = contexts.Create();
            var from = await db.Sealer.AsNoTracking().Select(s => (long?)s.SealedThrough).SingleOrDefaultAsync(ct) ?? 0;

            // Deliberate bypass: the sealer spans every tenant; it reads tenant ids and links each tenant's events inside it.
            var recent = db.Events.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(e => e.Sequence > from);
            var links = db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]);
            var watermark = await recent.Where(e => e.At <= settled).MaxAsync(e => (long?)e.Sequence, ct);
            var waiting = await recent
                .Where(e => e.At <= cutoff && !links.Any(l => l.TenantId == e.TenantId && l.EventSequence == e.Sequence))
                .Select(e => e.TenantId).Distinct().ToListAsync(ct);

            var linked = 0;
            var failed = false;
            foreach (var tenantId in waiting)
            {
                if (await tenants.FindAsync(tenantId, ct) is not { } tenant)
                {
                    continue;
                }

                using (TenantContext.Begin(tenant))
                {
                    try
                    {
                        int batch;
                        do
                        {
                            batch = await session.InTransactionAsync(() => LinkBatchAsync(tenant, from, cutoff, AuditChain.SigningInstant(now), ct), ct);
                            linked += batch;
                        }
                        while (batch == options.SealBatch);
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        // One tenant's log (a row changed behind its back) does not hold back the others'; the watermark
                        // stays, so its events are looked at again next run.
                        log.LogError(failure, "The audit sealer could not link the events of tenant {TenantId}", tenant.Id);
                        failed = true;
                    }
                }
            }

            if (watermark > from && !failed)
            {
                await session.InTransactionAsync(() => AdvanceAsync(watermark.Value, ct), ct);
            }

            if (linked > 0)
            {
                log.LogInformation("Audit sealer linked {Events} events of {Tenants} tenants in {Milliseconds} ms",
                    linked, waiting.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return linked;
        }

        private async Task<int> LinkBatchAsync(TenantInfo tenant, long from, DateTimeOffset cutoff, DateTimeOffset signedAt, CancellationToken ct)
        {
            var db = contexts.Create();
            await db.Database.LockAsync($"audit-chain:{tenant.Id:N}", ct);
            var events = await db.Events.AsNoTracking()
                .Where(e => e.Sequence > from && e.At <= cutoff && !db.Links.Any(l => l.EventSequence == e.Sequence))
                .OrderBy(e => e.Sequence).Take(options.SealBatch)
                .ToListAsync(ct);
            if (events.Count == 0)
            {
                return 0;
            }

            await EventTargets.LoadAsync(db, events, ct);
            var head = await db.Heads.SingleOrDefaultAsync(ct);
            if (head is not null && !key.Signed(head))
            {
                // Extending or re-signing a head this key did not sign would lend the key to whoever changed it.
                log.LogError("The audit chain head of tenant {TenantId} is not as the audit key signed it: its log is not extended until verify is run and the break is investigated", tenant.Id);
                return 0;
            }

            var index = head?.Index ?? 0;
            var hash = head?.Hash ?? AuditChain.Genesis;
            var links = new List<AuditChainLink>(events.Count);
            foreach (var e in events)
            {
                hash = AuditChain.Link(hash, e);
                links.Add(new AuditChainLink { Index = ++index, EventSequence = e.Sequence, EventId = e.Id, Hash = hash, SealedAt = signedAt });
            }

            await db.InsertManyAsync(links, ct);
            if (head is null)
            {
                head = new AuditChainHead { Hash = hash, Signature = [], KeyId = key.Id };
                db.Heads.Add(head);
            }

            head.Index = index;
            head.Hash = hash;
            head.SignedAt = signedAt;
            head.TenantId = tenant.Id;
            head.Signature = key.SignHead(head, signedAt);
            head.KeyId = key.Id;
            await db.SaveChangesAsync(ct);
            return events.Count;
        }

        private async Task<int> AdvanceAsync(long watermark, CancellationToken ct)
        {
            var db = contexts.Create();
            await db.Database.LockAsync("audit-sealer", ct);
            var state = await db.Sealer.SingleOrDefaultAsync(ct);
            if (state is null)
            {
                db.Sealer.Add(new AuditSealerState { SealedThrough = watermark });
            }
            else if (state.SealedThrough < watermark)
            {
                state.SealedThrough = watermark;
            }

            return await db.SaveChangesAsync(ct);
        }
    }
}
