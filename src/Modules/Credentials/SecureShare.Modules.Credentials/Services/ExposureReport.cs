using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// "Who knew this password", for one user: every credential whose secret they revealed, linked or otherwise read
/// (<see cref="CredentialAuditEvents.SecretReads"/>) and that has not changed since, in whichever tenant of the family
/// it lives (their own, or a partner's that shared it), grouped by that origin tenant.
/// </summary>
internal sealed class ExposureReport(ModuleDbContextFactory<CredentialsDbContext> contexts, IAuditHistory history, ITenantStore tenants)
{
    public async Task<IReadOnlyList<ExposedTenant>> OfAsync(Guid userId, CancellationToken ct)
    {
        var reads = await history.SecretReadsAsync(userId, [.. CredentialAuditEvents.SecretReads], ct);
        if (reads.Count == 0)
        {
            return [];
        }

        var ids = reads.Select(r => r.CredentialId).Distinct().ToList();
        var family = TenantContext.Current!.FamilyId;
        var db = contexts.Create();

        // Deliberate bypass, bounded by the family: what the user read lives in its origin tenants, any of the family.
        var credentials = await db.Credentials.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
            .Where(c => c.FamilyId == family && ids.Contains(c.Id))
            .Select(c => new { c.Id, c.TenantId, c.Name, c.NeedsRotation, c.CreatedAt })
            .ToListAsync(ct);
        var replaced = await db.Versions.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            .Where(v => v.FamilyId == family && ids.Contains(v.CredentialId))
            .GroupBy(v => v.CredentialId).Select(g => new { g.Key, At = g.Max(v => v.ReplacedAt) })
            .ToDictionaryAsync(x => x.Key, x => x.At, ct);

        var byRead = reads.ToLookup(r => r.CredentialId);
        var exposed = new List<(Guid TenantId, ExposedCredential Credential)>();
        foreach (var c in credentials)
        {
            var last = byRead[c.Id].Max(r => r.LastAt);
            var secretSince = replaced.TryGetValue(c.Id, out var at) ? at : c.CreatedAt;
            if (last >= secretSince)
            {
                exposed.Add((c.TenantId, new ExposedCredential(c.Id, c.Name, last, byRead[c.Id].Select(r => r.Type).Order(StringComparer.Ordinal).ToList(), c.NeedsRotation)));
            }
        }

        var result = new List<ExposedTenant>();
        foreach (var origin in exposed.GroupBy(e => e.TenantId))
        {
            var tenant = await tenants.FindAsync(origin.Key, ct);
            result.Add(new ExposedTenant(origin.Key, tenant?.Name ?? "(deleted tenant)", origin.Select(e => e.Credential).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList()));
        }

        return result.OrderBy(t => t.TenantName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
