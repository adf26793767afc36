using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Re-checks a bearer token's user on every request: still enabled, same security stamp.
/// A disabled user, a changed role or a changed password therefore ends older tokens at once.
/// Runs before the tenant is known, so it is a deliberate, reviewed tenant-filter bypass,
/// keyed by the token's signed user id only.
/// </summary>
internal sealed class SessionValidator(ModuleDbContextFactory<AccountsDbContext> contexts) : ISessionValidator
{
    public async Task<SessionPrincipal?> ValidateAsync(Guid userId, string securityStamp, CancellationToken cancellationToken)
    {
        var db = contexts.Create();
        var row = await (
                from u in db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
                join t in db.Tenants on u.TenantId equals t.Id
                where u.Id == userId
                select new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.Role,
                    u.SecurityStamp,
                    u.IsDisabled,
                    Tenant = t,
                    Groups = db.GroupMembers.Where(m => m.UserId == u.Id && m.TenantId == u.TenantId).Select(m => m.GroupId).ToList(),
                })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);

        if (row is null || row.IsDisabled || !StampsEqual(row.SecurityStamp, securityStamp))
        {
            return null;
        }

        return new SessionPrincipal(row.Id, row.Email, row.DisplayName, row.Role, row.Tenant.ToInfo(), row.Groups);
    }

    private static bool StampsEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
