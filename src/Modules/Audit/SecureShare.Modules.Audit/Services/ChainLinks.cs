using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Services;

/// <summary>
/// A page of the context tenant's chain from one position on: each link with its event (and the event's targets), or
/// with no event where its row is gone. What verify walks and what retention checks before it removes anything.
/// </summary>
internal static class ChainLinks
{
    public static async Task<IReadOnlyList<(AuditChainLink Link, AuditEvent? Event)>> PageAsync(AuditDbContext db, long after, long last, int size, CancellationToken ct)
    {
        var links = await db.Links.AsNoTracking().Where(l => l.Index > after && l.Index <= last)
            .OrderBy(l => l.Index).Take(size).ToListAsync(ct);
        if (links.Count == 0)
        {
            return [];
        }

        var sequences = links.Select(l => l.EventSequence).ToList();
        var events = await db.Events.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
        await EventTargets.LoadAsync(db, events.Values, ct);
        return links.Select(l => (l, events.TryGetValue(l.EventSequence, out var e) && e.Id == l.EventId ? e : null)).ToList();
    }
}
