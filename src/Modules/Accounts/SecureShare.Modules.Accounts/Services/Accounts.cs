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
    PasswordHashGate hashing,
    TimeProvider clock,
    IAuditTrail audit,
    IPublisher publisher)
{
    private static readonly User Unsaved = new() { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "" };

    /// <summary>The slow hash of a new password, through the hash gate: computed before the command's transaction opens.</summary>
    public Task<string> HashAsync(string password, CancellationToken ct) => hashing.RunAsync(() => hasher.HashPassword(Unsaved, password), ct);

    /// <summary>Creates a tenant and, inside it, its first Admin (with a one-time password when someone else gave it).</summary>
    public async Task<(Tenant Tenant, User Admin)> CreateTenantAsync(
        string name, TenantKind kind, Guid? parentMspId, string adminEmail, string adminPasswordHash, string adminDisplayName, AuditActor? actor, CancellationToken ct,
        bool oneTimePassword = false)
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
                new AuditRecord(AccountAuditEvents.TenantCreated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Tenant, tenant.Id, tenant.Name)],
                    new Dictionary<string, string> { ["name"] = tenant.Name, ["kind"] = kind.ToString() }, actor),
                ct);
            var admin = await AddUserAsync(inTenant, adminEmail, adminDisplayName, UserRole.Admin, adminPasswordHash, actor, ct, oneTimePassword);
            return (tenant, admin);
        }
    }

    /// <summary>
    /// Adds a user to the tenant of <paramref name="tenantDb"/>, with a password hashed by <see cref="HashAsync"/>. A password an admin gives is one-time: its
    /// first sign-in may only replace it, so nobody keeps knowing another person's password.
    /// </summary>
    public async Task<User> AddUserAsync(
        AccountsDbContext tenantDb, string email, string displayName, UserRole role, string passwordHash, AuditActor? actor, CancellationToken ct,
        bool oneTimePassword = false)
    {
        await EnsureEmailIsFreeAsync(email, ct);
        var user = new User
        {
            Email = email.Trim(),
            NormalizedEmail = User.NormalizeEmail(email),
            DisplayName = displayName,
            Role = role,
            PasswordHash = passwordHash,
            MustChangePassword = oneTimePassword,
            CreatedAt = clock.GetUtcNow(),
        };
        tenantDb.Users.Add(user);
        await tenantDb.SaveChangesAsync(ct);
        await audit.RecordAsync(
            new AuditRecord(AccountAuditEvents.UserCreated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
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
        if (await EmailInUseAsync(email, ct))
        {
            throw new ConflictException("An account with this email already exists.");
        }
    }

    public Task<bool> EmailInUseAsync(string email, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        return db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AnyAsync(u => u.NormalizedEmail == normalized, ct);
    }
}
