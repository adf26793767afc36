using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

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
