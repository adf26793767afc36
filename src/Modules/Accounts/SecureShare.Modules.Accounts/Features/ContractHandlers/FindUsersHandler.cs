using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

internal sealed class FindUsersHandler(ModuleDbContextFactory<AccountsDbContext> contexts)
    : IQueryHandler<FindUsers, IReadOnlyList<Guid>>, IQueryHandler<GetUserNames, IReadOnlyDictionary<Guid, string>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(GetUserNames query, CancellationToken ct)
    {
        var ids = query.UserIds.Distinct().ToList();
        return await contexts.Create().Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public async ValueTask<IReadOnlyList<Guid>> Handle(FindUsers query, CancellationToken ct)
    {
        var ids = query.UserIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await contexts.Create().Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
    }
}
