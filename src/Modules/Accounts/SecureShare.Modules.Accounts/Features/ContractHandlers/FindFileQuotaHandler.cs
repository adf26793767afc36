using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

internal sealed class FindFileQuotaHandler(AccountsDbContext db) : IQueryHandler<FindFileQuota, int?>
{
    public async ValueTask<int?> Handle(FindFileQuota query, CancellationToken ct) =>
        await db.Tenants.Where(t => t.Id == query.TenantId).Select(t => t.FileQuotaMb).FirstOrDefaultAsync(ct);
}
