using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// "Who knew this password", for one user: every credential whose secret they revealed, linked or otherwise read
/// (<see cref="CredentialAuditEvents.SecretReads"/>) or set themselves, and that has not been rotated since
/// (<see cref="Domain.CredentialRotation"/>), in whichever tenant of the family it lives (their own, or a partner's that
/// shared it), grouped by that origin tenant.
/// </summary>
internal sealed class ExposureReport(ModuleDbContextFactory<CredentialsDbContext> contexts, IAuditHistory history, ITenantStore tenants)
{
    public async Task<IReadOnlyList<ExposedTenant>> OfAsync(Guid userId, CancellationToken ct)
    {
        var reads = await history.SecretReadsAsync(userId, [.. CredentialAuditEvents.SecretReads], ct);
        var ids = reads.Select(r => r.CredentialId).Distinct().ToList();
        var family = TenantContext.Current!.FamilyId;

        // Deliberate bypass, bounded by the family: what the user read or set lives in its origin tenants, any of the family.
        var credentials = await contexts.Create().Credentials.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
            .Where(c => c.FamilyId == family && (ids.Contains(c.Id) || c.SecretChangedByUserId == userId))
            .Select(c => new { c.Id, c.TenantId, c.Name, c.NeedsRotation, c.SecretChangedAt, c.SecretChangedByUserId, c.CreatedAt })
            .ToListAsync(ct);

        var byRead = reads.ToLookup(r => r.CredentialId);
        var exposed = new List<(Guid TenantId, ExposedCredential Credential)>();
        foreach (var c in credentials)
        {
            var known = byRead[c.Id].Where(r => r.LastAt >= c.SecretChangedAt).ToList();
            if (c.SecretChangedByUserId == userId && c.SecretChangedAt > c.CreatedAt) // rotated by them in an update
            {
                known.Add(new SecretRead(c.Id, CredentialAuditEvents.Updated, c.SecretChangedAt)); // they typed the current secret
            }

            if (known.Count > 0)
            {
                exposed.Add((c.TenantId, new ExposedCredential(
                    c.Id, c.Name, known.Max(r => r.LastAt), known.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal).ToList(), c.NeedsRotation)));
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
