using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Services;

/// <summary>
/// Fills a page of events' targets with one query by their sequence numbers (the sealer, verify, the export and the
/// feed read events a page at a time; a split query would run the page's own query a second time to find them).
/// </summary>
internal static class EventTargets
{
    public static async Task LoadAsync(AuditDbContext db, IReadOnlyCollection<AuditEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        var sequences = events.Select(e => e.Sequence).ToList();
        var targets = (await db.Targets.AsNoTracking().Where(t => sequences.Contains(t.EventSequence)).ToListAsync(ct)).ToLookup(t => t.EventSequence);
        foreach (var e in events)
        {
            e.Targets.AddRange(targets[e.Sequence]);
        }
    }
}
