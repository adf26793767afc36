using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Features.Partners;

/// <summary>A credential crossing the edge with a partner, as the caller's tenant sees it.</summary>
public sealed record PartnerShareDto(Guid CredentialId, string Name, SharePermission Permission, DateTimeOffset? ExpiresAt, bool NeedsRotation);

public sealed record PartnerSharesDto(Guid TenantId, string Name, IReadOnlyList<PartnerShareDto> Outgoing, IReadOnlyList<PartnerShareDto> Incoming);

/// <summary>Admin: every share between the caller's tenant and one partner tenant, both ways, by credential name. Any other tenant is a 404.</summary>
public static class GetPartnerShares
{
    public sealed record Query(Guid PartnerId) : IQuery<PartnerSharesDto>;

    internal sealed class Handler(SharingDbContext db, ModuleDbContextFactory<SharingDbContext> contexts, ICurrentUser caller, ITenantStore tenants, ISender mediator)
        : IQueryHandler<Query, PartnerSharesDto>
    {
        public async ValueTask<PartnerSharesDto> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var partner = await SharingEdge.TargetAsync(tenants, me.Tenant, query.PartnerId, ct);
            var outgoing = await db.Shares.AsNoTracking().Where(s => s.TargetTenantId == partner.Id)
                .Select(s => new { s.CredentialId, s.Permission, s.ExpiresAt }).ToListAsync(ct);
            // The partner's shares to the caller are its rows: read in its scope, as a revocation reads them.
            List<(Guid CredentialId, SharePermission Permission, DateTimeOffset? ExpiresAt)> incoming;
            using (TenantContext.Begin(partner))
            {
                incoming = (await contexts.Create().Shares.AsNoTracking().Where(s => s.TargetTenantId == me.Tenant.Id)
                    .Select(s => new { s.CredentialId, s.Permission, s.ExpiresAt }).ToListAsync(ct))
                    .Select(s => (s.CredentialId, s.Permission, s.ExpiresAt)).ToList();
            }

            var entries = (await mediator.Send(new FindVisibleEntries(outgoing.Select(s => s.CredentialId).Concat(incoming.Select(s => s.CredentialId)).Distinct().ToList()), ct))
                .ToDictionary(e => e.CredentialId);
            List<PartnerShareDto> Listed(IEnumerable<(Guid Id, SharePermission Permission, DateTimeOffset? ExpiresAt)> shares) =>
                shares.Where(s => entries.ContainsKey(s.Id))
                    .Select(s => new PartnerShareDto(s.Id, entries[s.Id].Name, s.Permission, s.ExpiresAt, entries[s.Id].NeedsRotation))
                    .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
            return new PartnerSharesDto(
                partner.Id, partner.Name, Listed(outgoing.Select(s => (s.CredentialId, s.Permission, s.ExpiresAt))), Listed(incoming));
        }
    }
}
