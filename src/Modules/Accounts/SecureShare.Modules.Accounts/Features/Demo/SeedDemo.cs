using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Demo;

/// <summary>
/// On an empty database: a demo MSP with two clients; in each tenant an Admin, a Technician,
/// a Member and a security group. Passwords are random and returned once, for the Host to print; each login
/// carries the principal that acts as its user, for the Host's demo content. Returns null (and does nothing)
/// when any tenant exists.
/// </summary>
public static class SeedDemo
{
    public sealed record Command : ICommand<IReadOnlyList<DemoLogin>?>;

    public sealed record DemoLogin(string Tenant, TenantKind Kind, UserRole Role, string Email, string Password, SessionPrincipal Actor)
    {
        public override string ToString() => Redacted.Text;
    }

    private static readonly (string Name, string Domain, string Group)[] Clients =
    [
        ("Contoso Dental", "contoso-dental.example", "Front desk"),
        ("Fabrikam Legal", "fabrikam-legal.example", "Partners"),
    ];

    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        AccountProvisioning provisioning,
        TimeProvider clock,
        IAuditTrail audit) : ICommandHandler<Command, IReadOnlyList<DemoLogin>?>
    {
        private static readonly AuditActor Seeder = new(null, "demo seed");

        public async ValueTask<IReadOnlyList<DemoLogin>?> Handle(Command command, CancellationToken ct)
        {
            if (await db.Tenants.AnyAsync(ct))
            {
                return null;
            }

            var logins = new List<DemoLogin>();
            var msp = await SeedTenantAsync("Demo MSP", TenantKind.Msp, null, "demo-msp.example", "Engineers", logins, ct);
            foreach (var (name, domain, group) in Clients)
            {
                await SeedTenantAsync(name, TenantKind.Client, msp.Id, domain, group, logins, ct);
            }

            return logins;
        }

        private async Task<Tenant> SeedTenantAsync(
            string name, TenantKind kind, Guid? parent, string domain, string groupName, List<DemoLogin> logins, CancellationToken ct)
        {
            var adminPassword = NewPassword();
            var (tenant, admin) = await provisioning.CreateTenantAsync(
                name, kind, parent, $"admin@{domain}", await provisioning.HashAsync(adminPassword, ct), $"{name} Admin", Seeder, ct);
            var info = tenant.ToInfo();
            var adminLogin = new DemoLogin(name, kind, UserRole.Admin, admin.Email, adminPassword, new SessionPrincipal(admin.Id, admin.Email, admin.DisplayName, UserRole.Admin, info, []));
            logins.Add(adminLogin);

            using (TenantContext.Begin(info))
            {
                var tenantDb = contexts.Create();
                var group = new SecurityGroup { Name = groupName, NormalizedName = groupName.ToUpperInvariant(), CreatedAt = clock.GetUtcNow() };
                foreach (var role in new[] { UserRole.Technician, UserRole.Member })
                {
                    var password = NewPassword();
                    var email = $"{role.ToString().ToLowerInvariant()}@{domain}";
                    var user = await provisioning.AddUserAsync(tenantDb, email, $"{name} {role}", role, await provisioning.HashAsync(password, ct), Seeder, ct);
                    group.Members.Add(new GroupMember { GroupId = group.Id, UserId = user.Id });
                    logins.Add(new DemoLogin(name, kind, role, email, password, new SessionPrincipal(user.Id, email, user.DisplayName, role, info, [group.Id])));
                }

                tenantDb.Groups.Add(group);
                await tenantDb.SaveChangesAsync(ct);
                await audit.RecordAsync(
                    new AuditRecord(AccountAuditEvents.GroupCreated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Group, group.Id, group.Name)],
                        new Dictionary<string, string> { ["name"] = group.Name }, Seeder),
                    ct);
            }

            return tenant;
        }

        private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
    }
}
