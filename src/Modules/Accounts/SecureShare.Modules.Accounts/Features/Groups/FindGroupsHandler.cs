using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Groups;

/// <summary>
/// Contract queries other modules send, possibly from inside another tenant's scope (a share checks
/// its audience in the target tenant): each reads through a context made in the ambient tenant.
/// </summary>
internal sealed class FindGroupsHandler(ModuleDbContextFactory<AccountsDbContext> contexts) : IQueryHandler<FindGroups, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(FindGroups query, CancellationToken ct)
    {
        var ids = query.GroupIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await contexts.Create().Groups.Where(g => ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
    }
}

internal sealed class FindUsersHandler(ModuleDbContextFactory<AccountsDbContext> contexts) : IQueryHandler<FindUsers, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(FindUsers query, CancellationToken ct)
    {
        var ids = query.UserIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await contexts.Create().Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
    }
}

internal sealed class ListTenantMembersHandler(ModuleDbContextFactory<AccountsDbContext> contexts) : IQueryHandler<ListTenantMembers, TenantMembers>
{
    public async ValueTask<TenantMembers> Handle(ListTenantMembers query, CancellationToken ct)
    {
        var db = contexts.Create();
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct);
        var memberships = (await db.GroupMembers.AsNoTracking().Select(m => new { m.UserId, m.GroupId }).ToListAsync(ct))
            .ToLookup(m => m.UserId, m => m.GroupId);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return new TenantMembers(
            users.Select(u => new TenantMember(u.Id, u.DisplayName, u.Role == UserRole.Admin, memberships[u.Id].ToList())).ToList(),
            groups);
    }
}

internal sealed class ListSharingPartnersHandler(ModuleDbContextFactory<AccountsDbContext> contexts) : IQueryHandler<ListSharingPartners, IReadOnlyList<PartnerTenant>>
{
    public async ValueTask<IReadOnlyList<PartnerTenant>> Handle(ListSharingPartners query, CancellationToken ct)
    {
        var me = TenantContext.Current ?? throw new TenantIsolationException("Sharing partners are a tenant's.");
        var tenants = contexts.Create().Tenants.AsNoTracking();
        var partners = me.Kind == TenantKind.Msp
            ? tenants.Where(t => t.ParentMspId == me.Id)
            : tenants.Where(t => t.Id == me.ParentMspId);
        return await partners.OrderBy(t => t.Name).Select(t => new PartnerTenant(t.Id, t.Name)).ToListAsync(ct);
    }
}
