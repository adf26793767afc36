using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.Partners;

/// <summary>One partner tenant as its overview shows it: credentials shared each way, those of them needing rotation, shares ending soon.</summary>
public sealed record PartnerOverviewDto(Guid TenantId, string Name, int SharedOut, int SharedIn, int NeedsRotation, int ExpiringSoon, TenantState State = TenantState.Active);

/// <summary>
/// Admin: for every tenant the caller's tenant shares with (an MSP: its clients), how much crosses the edge each way.
/// "Needs rotation" counts the credentials now shared either way whose secret is flagged; "expiring" the shares ending
/// within <see cref="SoonDays"/> days. Counted in SQL, grouped by partner: a query each way and one for the flagged among
/// them (the flagged credentials are few), whatever the number of shares.
/// </summary>
public static class ListPartnerOverview
{
    public const int SoonDays = 7;

    public sealed record Query : IQuery<IReadOnlyList<PartnerOverviewDto>>;

    private sealed record Counts(Guid Partner, int Shared, int Soon);

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ISender mediator, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<PartnerOverviewDto>>
    {
        public async ValueTask<IReadOnlyList<PartnerOverviewDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var soon = clock.GetUtcNow().AddDays(SoonDays);
            var partners = await mediator.Send(new ListSharingPartners(), ct);
            var flagged = await mediator.Send(new ListFlaggedEntries(), ct);
            var outgoing = db.Shares.AsNoTracking().Select(s => new { Partner = s.TargetTenantId, s.CredentialId, s.ExpiresAt });
            var incoming = db.Shares.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.FamilyId == me.Tenant.FamilyId && s.TargetTenantId == me.Tenant.Id)
                .Select(s => new { Partner = s.TenantId, s.CredentialId, s.ExpiresAt });
            var sharedOut = (await outgoing.GroupBy(s => s.Partner)
                .Select(g => new Counts(g.Key, g.Count(), g.Count(s => s.ExpiresAt != null && s.ExpiresAt <= soon))).ToListAsync(ct)).ToDictionary(c => c.Partner);
            var sharedIn = (await incoming.GroupBy(s => s.Partner)
                .Select(g => new Counts(g.Key, g.Count(), g.Count(s => s.ExpiresAt != null && s.ExpiresAt <= soon))).ToListAsync(ct)).ToDictionary(c => c.Partner);

            // The flagged ones counted apart: SQL Server refuses a subquery (the flagged list) inside an aggregate.
            var rotating = flagged.Count == 0 ? [] : (await outgoing.Where(s => flagged.Contains(s.CredentialId))
                .Concat(incoming.Where(s => flagged.Contains(s.CredentialId)))
                .GroupBy(s => s.Partner).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);
            var none = new Counts(Guid.Empty, 0, 0);
            return partners.Select(p =>
                {
                    var (o, i) = (sharedOut.GetValueOrDefault(p.Id, none), sharedIn.GetValueOrDefault(p.Id, none));
                    return new PartnerOverviewDto(p.Id, p.Name, o.Shared, i.Shared, rotating.GetValueOrDefault(p.Id), o.Soon + i.Soon, p.State);
                })
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
    }
}
