using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.Partners;

/// <summary>One partner tenant as its overview shows it: credentials shared each way, those of them needing rotation, shares ending soon.</summary>
public sealed record PartnerOverviewDto(Guid TenantId, string Name, int SharedOut, int SharedIn, int NeedsRotation, int ExpiringSoon);

/// <summary>
/// Admin: for every tenant the caller's tenant shares with (an MSP: its clients), how much crosses the edge each way.
/// "Needs rotation" counts the credentials now shared either way whose secret is flagged; "expiring" the shares ending
/// within <see cref="SoonDays"/> days. Two grouped queries over the shares, one over the entries, whatever the number of partners.
/// </summary>
public static class ListPartnerOverview
{
    public const int SoonDays = 7;

    public sealed record Query : IQuery<IReadOnlyList<PartnerOverviewDto>>;

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ISender mediator, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<PartnerOverviewDto>>
    {
        public async ValueTask<IReadOnlyList<PartnerOverviewDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var soon = clock.GetUtcNow().AddDays(SoonDays);
            var partners = await mediator.Send(new ListSharingPartners(), ct);
            var outgoing = await db.Shares.AsNoTracking()
                .Select(s => new { Partner = s.TargetTenantId, s.CredentialId, s.ExpiresAt }).ToListAsync(ct);
            var incoming = await db.Shares.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.FamilyId == me.Tenant.FamilyId && s.TargetTenantId == me.Tenant.Id)
                .Select(s => new { Partner = s.TenantId, s.CredentialId, s.ExpiresAt }).ToListAsync(ct);
            var flagged = (await mediator.Send(new FindVisibleEntries(outgoing.Concat(incoming).Select(s => s.CredentialId).Distinct().ToList()), ct))
                .Where(e => e.NeedsRotation).Select(e => e.CredentialId).ToHashSet();
            var outBy = outgoing.ToLookup(s => s.Partner);
            var inBy = incoming.ToLookup(s => s.Partner);
            return partners.Select(p =>
                {
                    var both = outBy[p.Id].Concat(inBy[p.Id]).ToList();
                    return new PartnerOverviewDto(
                        p.Id, p.Name, outBy[p.Id].Count(), inBy[p.Id].Count(), both.Select(s => s.CredentialId).Distinct().Count(flagged.Contains),
                        both.Count(s => s.ExpiresAt is { } end && end <= soon));
                })
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
    }
}
