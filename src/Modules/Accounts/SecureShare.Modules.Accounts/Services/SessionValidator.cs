using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

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
        var row = await Sessions.GetOrAdd(db.Model, _ => CompileSessionQuery())(db, userId, cancellationToken);
        if (row is null || row.IsDisabled || !StampsEqual(row.SecurityStamp, securityStamp))
        {
            return null;
        }

        return new SessionPrincipal(row.Id, row.Email, row.DisplayName, row.Role, row.Tenant.ToInfo(), row.Groups);
    }

    private static readonly string[] TenantFilterOnly = [ModuleDbContext.TenantFilter];

    /// <summary>The session's one query, compiled once per model (a model per provider): it runs on every request.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<AccountsDbContext, Guid, CancellationToken, Task<SessionRow?>>> Sessions = new();

    private static Func<AccountsDbContext, Guid, CancellationToken, Task<SessionRow?>> CompileSessionQuery() => EF.CompileAsyncQuery(
        (AccountsDbContext db, Guid userId, CancellationToken _) => (
                from u in db.Users.IgnoreQueryFilters(TenantFilterOnly)
                join t in db.Tenants on u.TenantId equals t.Id
                where u.Id == userId
                select new SessionRow(
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.Role,
                    u.SecurityStamp,
                    u.IsDisabled,
                    t,
                    db.GroupMembers.Where(m => m.UserId == u.Id && m.TenantId == u.TenantId).Select(m => m.GroupId).ToList()))
            .AsNoTracking()
            .FirstOrDefault());

    private sealed record SessionRow(
        Guid Id, string Email, string DisplayName, UserRole Role, string SecurityStamp, bool IsDisabled, Tenant Tenant, List<Guid> Groups);

    private static bool StampsEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
