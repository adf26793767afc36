using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Groups;

internal sealed class FindGroupsHandler(AccountsDbContext db) : IQueryHandler<FindGroups, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(FindGroups query, CancellationToken ct)
    {
        var ids = query.GroupIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Groups.Where(g => ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
    }
}
