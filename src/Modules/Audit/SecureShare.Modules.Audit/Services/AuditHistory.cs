using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Data;

namespace SecureShare.Modules.Audit.Services;

/// <summary>Reads of the log for other modules: what a user read, across the family the ambient tenant belongs to.</summary>
internal sealed class AuditHistory(ModuleDbContextFactory<AuditDbContext> contexts) : IAuditHistory
{
    public async Task<IReadOnlyList<SecretRead>> SecretReadsAsync(Guid userId, IReadOnlyCollection<string> types, CancellationToken cancellationToken)
    {
        var family = (TenantContext.Current ?? throw new TenantIsolationException("A user's reads are looked up inside a tenant.")).FamilyId;
        var db = contexts.Create();

        // Deliberate bypass, bounded by the family (the boundary sharing never crosses): a user's reads of shared
        // credentials are in their origins' logs, which are other tenants of the same family.
        var reads = await db.Targets.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            .Where(t => t.FamilyId == family && t.Kind == "credential")
            .Join(db.Events.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(e => e.FamilyId == family && e.ActorUserId == userId && e.Outcome == AuditOutcome.Succeeded && types.Contains(e.Type)),
                t => t.EventSequence, e => e.Sequence, (t, e) => new { t.TargetId, e.Type, e.At })
            .GroupBy(r => new { r.TargetId, r.Type })
            .Select(g => new { g.Key.TargetId, g.Key.Type, Last = g.Max(r => r.At) })
            .ToListAsync(cancellationToken);
        return reads.Select(r => new SecretRead(r.TargetId, r.Type, r.Last)).ToList();
    }
}
