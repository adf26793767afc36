using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>A share ending soon, either way: the credential as the caller sees it, the tenant on the other side, and when.</summary>
public sealed record ExpiringShareDto(Guid CredentialId, string Name, bool Outgoing, Guid PartnerTenantId, string PartnerTenantName, DateTimeOffset ExpiresAt);

/// <summary>
/// The shares to and from the caller's tenant that end within <c>Days</c>, soonest first, among the credentials the
/// caller may see (a home page's "about to expire"). At most <c>Limit</c>.
/// </summary>
public static class ListExpiringShares
{
    public sealed record Query(int Days, int Limit) : IQuery<IReadOnlyList<ExpiringShareDto>>;

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ISender mediator, TimeProvider clock)
        : IQueryHandler<Query, IReadOnlyList<ExpiringShareDto>>
    {
        public async ValueTask<IReadOnlyList<ExpiringShareDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            // Not limited in SQL: the caller may see only some of them (restricted folders), and the limit is of what they see.
            var now = clock.GetUtcNow();
            var until = now.AddDays(query.Days);
            // Where a credential goes is sharing business: a Member (who sees a share count in the list) is told only what comes in.
            var sharer = me.Can(Ability.ManageCredentials);
            var outgoing = await db.Shares.AsNoTracking().Where(s => sharer && s.ExpiresAt != null && s.ExpiresAt > now && s.ExpiresAt <= until)
                .Select(s => new { s.CredentialId, Outgoing = true, Partner = s.TargetTenantId, ExpiresAt = s.ExpiresAt!.Value }).ToListAsync(ct);
            var incoming = await db.Shares.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.FamilyId == me.Tenant.FamilyId && s.TargetTenantId == me.Tenant.Id && s.ExpiresAt != null && s.ExpiresAt > now && s.ExpiresAt <= until)
                .Select(s => new { s.CredentialId, Outgoing = false, Partner = s.TenantId, ExpiresAt = s.ExpiresAt!.Value }).ToListAsync(ct);
            var shares = outgoing.Concat(incoming).OrderBy(s => s.ExpiresAt).ToList();
            var visible = (await mediator.Send(new FindVisibleEntries(shares.Select(s => s.CredentialId).Distinct().ToList()), ct)).ToDictionary(e => e.CredentialId);
            var names = (await mediator.Send(new ListSharingPartners(), ct)).ToDictionary(p => p.Id, p => p.Name);
            return shares.Where(s => visible.ContainsKey(s.CredentialId) && names.ContainsKey(s.Partner)).Take(query.Limit)
                .Select(s => new ExpiringShareDto(s.CredentialId, visible[s.CredentialId].Name, s.Outgoing, s.Partner, names[s.Partner], s.ExpiresAt))
                .ToList();
        }
    }
}
