using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Services;

/// <summary>
/// Every share between the caller's tenant and one partner, both ways: found, and ended as revocations. Link shares end
/// with them, but only what the caller's side may end: the links each target made of a credential whose share ended
/// (as every share ending does), and the caller's own links of its own credentials that were shared out. The partner's
/// links of the partner's own credentials stay: the caller never had them.
/// </summary>
internal sealed class PartnerRevocation(SharingDbContext db, ModuleDbContextFactory<SharingDbContext> contexts, ShareEnding ending, ISender mediator)
{
    /// <summary>The credentials <paramref name="me"/> shares with <paramref name="partner"/>, and those the partner shares with it.</summary>
    public async Task<(List<Guid> Outgoing, List<Guid> Incoming)> SharesAsync(TenantInfo me, TenantInfo partner, CancellationToken ct)
    {
        var outgoing = await db.Shares.Where(s => s.TargetTenantId == partner.Id).Select(s => s.CredentialId).ToListAsync(ct);
        using (TenantContext.Begin(partner))
        {
            var incoming = await contexts.Create().Shares.Where(s => s.TargetTenantId == me.Id).Select(s => s.CredentialId).ToListAsync(ct);
            return (outgoing, incoming);
        }
    }

    /// <summary>Ends them (as found by <see cref="SharesAsync"/>): the credentials whose share ended, and the links that ended.</summary>
    public async Task<(List<Guid> Revoked, int Links)> EndAsync(TenantInfo me, TenantInfo partner, List<Guid> outgoing, List<Guid> incoming, CancellationToken ct)
    {
        var revoked = new List<Guid>();
        var links = 0;
        foreach (var ended in new[] { await ending.EndAsync(me, partner, outgoing, ShareEnd.Revoked, ct), await ending.EndAsync(partner, me, incoming, ShareEnd.Revoked, ct) })
        {
            revoked.AddRange(ended.CredentialIds);
            links += ended.LinksEnded;
        }

        return (revoked, links + await RevokeOwnLinksAsync(revoked.Intersect(outgoing).ToList(), ct));
    }

    /// <summary>The caller's own tenant's live links of these, its own credentials.</summary>
    public async Task<int> RevokeOwnLinksAsync(IReadOnlyCollection<Guid> credentialIds, CancellationToken ct) =>
        credentialIds.Count == 0 ? 0 : await mediator.Send(new RevokeLinkShares(credentialIds, "revocation by scope"), ct);
}
