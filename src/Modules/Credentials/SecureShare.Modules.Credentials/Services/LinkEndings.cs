using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

internal static class LinkEndings
{
    /// <summary>
    /// Revokes every tenant's live links of a credential, each audited in the tenant that made it: the
    /// origin's and those its share targets made. Deliberate bypass: those tenants are found by the
    /// credential's id across tenants; each revocation then runs inside its tenant.
    /// </summary>
    public static async Task<int> RevokeEverywhereAsync(CredentialsDbContext db, ITenantStore tenants, ISender mediator, Guid credentialId, string reason, CancellationToken ct)
    {
        var tenantIds = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            .Where(l => l.CredentialId == credentialId && l.RevokedAt == null && l.Ciphertext != null)
            .Select(l => l.TenantId).Distinct().ToListAsync(ct);
        var revoked = 0;
        foreach (var tenantId in tenantIds)
        {
            if (await tenants.FindAsync(tenantId, ct) is { } tenant)
            {
                using (TenantContext.Begin(tenant))
                {
                    revoked += await mediator.Send(new RevokeLinkShares([credentialId], reason), ct);
                }
            }
        }

        return revoked;
    }

    /// <summary>
    /// Ends these links, however they end (<see cref="LinkAuditEvents.Revoked"/> with the instant, or
    /// <see cref="LinkAuditEvents.Expired"/>): one read of which they are, one UPDATE that deletes their ciphertext
    /// and any files grant (and marks them revoked), and an audit event of that type for each.
    /// </summary>
    public static async Task<int> EndAsync(
        IQueryable<LinkShare> links, string eventType, DateTimeOffset? revokedAt, IAuditTrail audit, CancellationToken ct, string? reason = null)
    {
        var ended = await links.Select(l => new { l.Id, l.Title, l.CredentialId }).ToListAsync(ct);
        if (ended.Count == 0)
        {
            return 0;
        }

        var ids = ended.Select(l => l.Id).ToList();
        var rows = links.Where(l => ids.Contains(l.Id));
        // The content goes, and with it any open's grant to fetch the files (the job then purges them).
        await (revokedAt is { } at
            ? rows.ExecuteUpdateAsync(
                s => s.SetProperty(l => l.RevokedAt, at).SetProperty(l => l.Ciphertext, (byte[]?)null)
                    .SetProperty(l => l.FilesGrantHash, (byte[]?)null).SetProperty(l => l.FilesGrantExpiresAt, (DateTimeOffset?)null),
                ct)
            : rows.ExecuteUpdateAsync(
                s => s.SetProperty(l => l.Ciphertext, (byte[]?)null)
                    .SetProperty(l => l.FilesGrantHash, (byte[]?)null).SetProperty(l => l.FilesGrantExpiresAt, (DateTimeOffset?)null),
                ct));
        var details = reason is null ? null : new Dictionary<string, string> { ["reason"] = reason };
        await audit.RecordManyAsync(ended.Select(l => LinkStates.Record(eventType, l.Id, l.Title, l.CredentialId, details: details)).ToList(), ct);
        return ended.Count;
    }
}
