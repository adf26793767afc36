using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Creating tenants and users, shared by signup, client creation and the demo seed. Every
/// change is audited in the tenant it happens in, inside the caller's transaction.
/// </summary>
internal sealed class AccountProvisioning(
    AccountsDbContext db,
    ModuleDbContextFactory<AccountsDbContext> contexts,
    IPasswordHasher<User> hasher,
    TimeProvider clock,
    IAuditTrail audit,
    IPublisher publisher)
{
    /// <summary>Creates a tenant and, inside it, its first Admin.</summary>
    public async Task<(Tenant Tenant, User Admin)> CreateTenantAsync(
        string name, TenantKind kind, Guid? parentMspId, string adminEmail, string adminPassword, string adminDisplayName, AuditActor? actor, CancellationToken ct)
    {
        await EnsureEmailIsFreeAsync(adminEmail, ct);
        if (parentMspId is { } parent && await db.Tenants.AnyAsync(t => t.ParentMspId == parent && t.NormalizedName == Tenant.Normalize(name), ct))
        {
            throw new ConflictException("This MSP already has a client of that name.");
        }

        var tenant = Tenant.Create(name, kind, parentMspId, clock.GetUtcNow());
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct);

        using (TenantContext.Begin(tenant.ToInfo()))
        {
            await publisher.Publish(new TenantCreated(tenant.ToInfo()), ct);
            var inTenant = contexts.Create();
            await audit.RecordAsync(
                new AuditRecord(AuditEventTypes.TenantCreated, AuditOutcome.Succeeded, [new AuditTarget("tenant", tenant.Id)],
                    new Dictionary<string, string> { ["name"] = tenant.Name, ["kind"] = kind.ToString() }, actor),
                ct);
            var admin = await AddUserAsync(inTenant, adminEmail, adminDisplayName, UserRole.Admin, adminPassword, actor, ct);
            return (tenant, admin);
        }
    }

    /// <summary>Adds a user to the tenant of <paramref name="tenantDb"/>.</summary>
    public async Task<User> AddUserAsync(
        AccountsDbContext tenantDb, string email, string displayName, UserRole role, string password, AuditActor? actor, CancellationToken ct)
    {
        await EnsureEmailIsFreeAsync(email, ct);
        var user = new User
        {
            Email = email.Trim(),
            NormalizedEmail = User.NormalizeEmail(email),
            DisplayName = displayName,
            Role = role,
            PasswordHash = string.Empty,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        tenantDb.Users.Add(user);
        await tenantDb.SaveChangesAsync(ct);
        await audit.RecordAsync(
            new AuditRecord(AuditEventTypes.UserCreated, AuditOutcome.Succeeded, [new AuditTarget("user", user.Id)],
                new Dictionary<string, string> { ["email"] = user.Email, ["role"] = role.ToString() }, actor),
            ct);
        return user;
    }

    /// <summary>
    /// Emails are unique across the installation (a login names no tenant), so this looks
    /// past the tenant filter: a deliberate bypass that reads one boolean and nothing else.
    /// </summary>
    private async Task EnsureEmailIsFreeAsync(string email, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        if (await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AnyAsync(u => u.NormalizedEmail == normalized, ct))
        {
            throw new ConflictException("An account with this email already exists.");
        }
    }
}
