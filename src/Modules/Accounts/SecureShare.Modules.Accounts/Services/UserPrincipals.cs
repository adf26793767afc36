using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>A job's caller as of now: an enabled user of the current tenant with its current role and groups, or a live API key of it; or nobody.</summary>
internal sealed class UserPrincipals(AccountsDbContext db, ApiKeyValidator keys) : IUserPrincipals
{
    public async Task<SessionPrincipal?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        var tenant = TenantContext.Current ?? throw new TenantIsolationException("A job's caller is found inside its tenant.");
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, Groups = db.GroupMembers.Where(m => m.UserId == u.Id).Select(m => m.GroupId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return user is null ? null : new SessionPrincipal(user.Id, user.Email, user.DisplayName, user.Role, tenant, user.Groups);
    }

    public async Task<SessionPrincipal?> FindApiKeyAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var tenant = TenantContext.Current ?? throw new TenantIsolationException("A job's caller is found inside its tenant.");
        return await keys.FindForJobAsync(keyId, cancellationToken) is { } key && key.Tenant.Id == tenant.Id ? key : null;
    }
}
