using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

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
