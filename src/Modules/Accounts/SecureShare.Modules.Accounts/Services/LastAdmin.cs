using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// A tenant never loses its last enabled Admin: not by a role change, not by disabling, not by offboarding. Nor, while
/// it requires single sign-on, its last enabled break-glass Admin: the way in should the provider fail.
/// </summary>
internal static class LastAdmin
{
    public static async Task EnsureAnotherAsync(AccountsDbContext db, User user, CancellationToken ct)
    {
        if (user.Role == UserRole.Admin && !user.IsDisabled && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == UserRole.Admin && !u.IsDisabled, ct))
        {
            throw new ConflictException("This is the tenant's last enabled Admin; make another user Admin first.");
        }

        if (user.Role == UserRole.Admin && !user.IsDisabled && await db.Tenants.AnyAsync(t => t.Id == user.TenantId && t.SsoRequired, ct)
            && await db.Sso.AsNoTracking().FirstOrDefaultAsync(ct) is { } sso && sso.BreakGlass.Contains(user.Id))
        {
            var others = sso.BreakGlass.Where(id => id != user.Id).ToList();
            if (!await db.Users.AnyAsync(u => others.Contains(u.Id) && u.Role == UserRole.Admin && !u.IsDisabled, ct))
            {
                throw new ConflictException("This is the last break-glass admin while single sign-on is required: name another in PUT /api/v1/tenant/sso first.");
            }
        }
    }
}
