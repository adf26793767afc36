using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

internal sealed class FindUsersHandler(ModuleDbContextFactory<AccountsDbContext> contexts) : IQueryHandler<FindUsers, IReadOnlyDictionary<Guid, string>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(FindUsers query, CancellationToken ct)
    {
        var ids = query.UserIds.Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<Guid, string>()
            : await contexts.Create().Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
