using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Features.Events;

namespace SecureShare.Modules.Audit.Services;

/// <summary>
/// An event of the log with its place in the chain: its position (the head's "sequence") and link hash, both null
/// while the event waits for the sealer.
/// </summary>
public sealed record AuditLogEntryDto(long? Sequence, string? Hash, AuditEventDto Event);

/// <summary>
/// Reads the caller tenant's log in chain order, a page at a time (the export and the feed stream it; memory holds
/// one page): linked events by position, then the events not yet linked by sequence.
/// </summary>
internal sealed class AuditLogEntries(AuditDbContext db)
{
    /// <summary>Linked events at positions after <paramref name="after"/> up to <paramref name="last"/> that pass the filter, in order.</summary>
    public async Task<IReadOnlyList<AuditLogEntryDto>> LinkedAsync(AuditFilter filter, long after, long last, int size, CancellationToken ct)
    {
        var rows = await (
                from l in db.Links.AsNoTracking()
                where l.Index > after && l.Index <= last
                join e in filter.Apply(db.Events.AsNoTracking()) on l.EventSequence equals e.Sequence
                orderby l.Index
                select new { l.Index, l.Hash, Event = e })
            .Take(size).ToListAsync(ct);
        await EventTargets.LoadAsync(db, rows.Select(r => r.Event).ToList(), ct);
        return rows.Select(r => new AuditLogEntryDto(r.Index, Convert.ToHexStringLower(r.Hash), AuditEventDto.From(r.Event))).ToList();
    }

    /// <summary>
    /// Events that pass the filter and are not linked at or below <paramref name="head"/> (waiting for the sealer, or
    /// linked since the head was read), by sequence after <paramref name="afterSequence"/>: with their sequence numbers.
    /// </summary>
    public async Task<IReadOnlyList<(long Sequence, AuditLogEntryDto Entry)>> UnlinkedAsync(
        AuditFilter filter, long head, long afterSequence, int size, CancellationToken ct)
    {
        var events = await filter.Apply(db.Events.AsNoTracking())
            .Where(e => e.Sequence > afterSequence && !db.Links.Any(l => l.EventSequence == e.Sequence && l.Index <= head))
            .OrderBy(e => e.Sequence).Take(size).ToListAsync(ct);
        await EventTargets.LoadAsync(db, events, ct);
        return events.Select(e => (e.Sequence, new AuditLogEntryDto(null, null, AuditEventDto.From(e)))).ToList();
    }
}
