using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

internal sealed class ListSharingPartnersHandler(ModuleDbContextFactory<AccountsDbContext> contexts) : IQueryHandler<ListSharingPartners, IReadOnlyList<PartnerTenant>>
{
    public async ValueTask<IReadOnlyList<PartnerTenant>> Handle(ListSharingPartners query, CancellationToken ct)
    {
        var me = TenantContext.Current ?? throw new TenantIsolationException("Sharing partners are a tenant's.");
        var tenants = contexts.Create().Tenants.AsNoTracking();
        var partners = me.Kind == TenantKind.Msp
            ? tenants.Where(t => t.ParentMspId == me.Id)
            : tenants.Where(t => t.Id == me.ParentMspId);
        return await partners.OrderBy(t => t.Name).Select(t => new PartnerTenant(t.Id, t.Name, t.State)).ToListAsync(ct);
    }
}
