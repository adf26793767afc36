using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Setting a password through an emailed link (an invitation, a reset): the live link or 410; the slow hash before any
/// transaction; then, in the link's user's tenant and one transaction, the link used, the password set by a conditional
/// UPDATE (no row: 410, nothing changes), the event audited as the user, and what else the purpose asks.
/// </summary>
internal sealed class PasswordLinks(
    AccountsDbContext db, ModuleDbContextFactory<AccountsDbContext> contexts, DbSession session, AccountProvisioning provisioning, TimeProvider clock, IAuditTrail audit)
{
    public async Task<User> SetPasswordAsync(
        string token,
        string password,
        LinkPurpose purpose,
        string goneDetail,
        string auditType,
        Func<IQueryable<User>, string, Task<int>> setPassword,
        Func<AccountsDbContext, User, Task>? then,
        CancellationToken ct)
    {
        var link = await SingleUseLinks.FindLiveAsync(db, token, purpose, clock.GetUtcNow(), ct) ?? throw new GoneException(goneDetail);
        var hash = await provisioning.HashAsync(password, ct);

        // Deliberate bypass, keyed by the link the token named: its holder has no session, hence no tenant.
        var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().FirstAsync(u => u.Id == link.UserId, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
        using var scope = TenantContext.Begin(tenant.ToInfo());
        return await session.InTransactionAsync(
            async () =>
            {
                var tenantDb = contexts.Create();
                if (!await SingleUseLinks.UseAsync(tenantDb, link.Id, clock.GetUtcNow(), ct) || await setPassword(tenantDb.Users.Where(u => u.Id == user.Id), hash) != 1)
                {
                    throw new GoneException(goneDetail);
                }

                await audit.RecordAsync(
                    new AuditRecord(auditType, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)], Actor: new AuditActor(user.Id, user.DisplayName)),
                    ct);
                if (then is not null)
                {
                    await then(tenantDb, user);
                }

                return user;
            },
            ct);
    }
}
