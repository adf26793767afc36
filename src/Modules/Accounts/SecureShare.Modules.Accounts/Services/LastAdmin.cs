using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>A tenant never loses its last enabled Admin: not by a role change, not by disabling, not by offboarding.</summary>
internal static class LastAdmin
{
    public static async Task EnsureAnotherAsync(AccountsDbContext db, User user, CancellationToken ct)
    {
        if (user.Role == UserRole.Admin && !user.IsDisabled && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == UserRole.Admin && !u.IsDisabled, ct))
        {
            throw new ConflictException("This is the tenant's last enabled Admin; make another user Admin first.");
        }
    }
}
