using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Audit.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>The base DbContext isolates, stamps and guards every tenant-owned row, on the real databases.</summary>
public abstract class TenantDbContextTests(TestApp app) : DatabaseTest(app)
{
    private async Task<(TenantInfo Msp, TenantInfo Client)> TwoTenantsAsync()
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var msp = Tenant.Create("Family MSP", TenantKind.Msp, null, DateTimeOffset.UtcNow);
        var client = Tenant.Create("Family client", TenantKind.Client, msp.Id, DateTimeOffset.UtcNow);
        db.Tenants.AddRange(msp, client);
        await db.SaveChangesAsync();
        return (msp.ToInfo(), client.ToInfo());
    }

    private static User NewUser(string email) => new()
    {
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = email,
        Role = UserRole.Member,
        PasswordHash = "not-a-real-hash",
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private async Task<Guid> AddUserInAsync(TenantInfo tenant, string email)
    {
        using var _ = TenantContext.Begin(tenant);
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var user = NewUser(email);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    [Fact]
    public async Task New_rows_are_stamped_with_the_tenant_and_its_msp_family()
    {
        var (msp, client) = await TwoTenantsAsync();
        var id = await AddUserInAsync(client, Api.UniqueEmail());

        await using var scope = App.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.IgnoreQueryFilters().SingleAsync(u => u.Id == id);
        row.TenantId.ShouldBe(client.Id);
        row.FamilyId.ShouldBe(msp.Id);
    }

    [Fact]
    public async Task Queries_see_only_the_tenant_the_context_was_created_in()
    {
        var (msp, client) = await TwoTenantsAsync();
        var mspUser = await AddUserInAsync(msp, Api.UniqueEmail());
        var clientUser = await AddUserInAsync(client, Api.UniqueEmail());

        using (TenantContext.Begin(client))
        {
            await using var scope = App.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            (await db.Users.Select(u => u.Id).ToListAsync()).ShouldBe([clientUser]);
            (await db.Users.AnyAsync(u => u.Id == mspUser)).ShouldBeFalse();

            using (TenantContext.Begin(msp))
            {
                // captured at creation: a later change of the ambient tenant does not move this context
                (await db.Users.Select(u => u.Id).ToListAsync()).ShouldBe([clientUser]);
            }
        }
    }

    [Fact]
    public async Task Without_a_tenant_queries_see_no_tenant_owned_rows()
    {
        var (msp, _) = await TwoTenantsAsync();
        await AddUserInAsync(msp, Api.UniqueEmail());
        await using var scope = App.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Saving_a_tenant_owned_row_without_a_tenant_throws()
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        db.Users.Add(NewUser(Api.UniqueEmail()));
        await Should.ThrowAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Saving_a_row_of_another_tenant_throws()
    {
        var (msp, client) = await TwoTenantsAsync();
        using var _ = TenantContext.Begin(msp);
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var foreign = NewUser(Api.UniqueEmail());
        foreign.TenantId = client.Id;
        foreign.FamilyId = client.FamilyId;
        db.Users.Add(foreign);
        await Should.ThrowAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Updating_a_row_loaded_past_the_filter_into_another_tenant_throws()
    {
        var (msp, client) = await TwoTenantsAsync();
        var clientUser = await AddUserInAsync(client, Api.UniqueEmail());
        using var _ = TenantContext.Begin(msp);
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var row = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == clientUser);
        row.DisplayName = "Renamed from the wrong tenant";
        await Should.ThrowAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_context_cannot_save_inside_another_tenants_scope()
    {
        var (msp, client) = await TwoTenantsAsync();
        using var _ = TenantContext.Begin(msp);
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        db.Users.Add(NewUser(Api.UniqueEmail()));
        using (TenantContext.Begin(client))
        {
            await Should.ThrowAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task ExecuteUpdate_keeps_the_tenant_filter()
    {
        var (msp, client) = await TwoTenantsAsync();
        var clientUser = await AddUserInAsync(client, Api.UniqueEmail());
        using (TenantContext.Begin(msp))
        {
            await using var scope = App.CreateScope();
            var changed = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users
                .Where(u => u.Id == clientUser)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "hijacked"));
            changed.ShouldBe(0);
        }
    }

    [Fact]
    public async Task A_command_and_its_audit_event_roll_back_together()
    {
        var (msp, _) = await TwoTenantsAsync();
        var email = Api.UniqueEmail();
        using (TenantContext.Begin(msp))
        {
            await using var scope = App.CreateScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            await Should.ThrowAsync<InvalidOperationException>(() => session.InTransactionAsync<bool>(
                async () =>
                {
                    db.Users.Add(NewUser(email));
                    await db.SaveChangesAsync();
                    await audit.RecordAsync(new AuditRecord("test.event", AuditOutcome.Succeeded, []), CancellationToken.None);
                    throw new InvalidOperationException("the handler fails after writing");
                },
                CancellationToken.None));
        }

        await using var check = App.CreateScope();
        (await check.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email)).ShouldBeFalse();
        (await check.ServiceProvider.GetRequiredService<AuditDbContext>().Events.IgnoreQueryFilters().AnyAsync(e => e.Type == "test.event")).ShouldBeFalse();
    }

    [Fact]
    public async Task Audit_events_are_refused_outside_a_transaction()
    {
        var (msp, _) = await TwoTenantsAsync();
        using var _ = TenantContext.Begin(msp);
        await using var scope = App.CreateScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        await Should.ThrowAsync<InvalidOperationException>(() =>
            audit.RecordAsync(new AuditRecord("test.event", AuditOutcome.Succeeded, []), CancellationToken.None));
    }

    [Fact]
    public async Task Audit_events_cannot_be_changed_or_deleted()
    {
        var msp = await App.SignupMspAsync();
        using var _ = TenantContext.Begin(await App.TenantAsync(msp.TenantId));
        await using var inTenant = App.CreateScope();
        var db = inTenant.ServiceProvider.GetRequiredService<AuditDbContext>();
        var first = await db.Events.FirstAsync();
        db.Events.Remove(first);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantDbContextTests_Sqlite(SqliteApp app) : TenantDbContextTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantDbContextTests_Postgres(PostgresApp app) : TenantDbContextTests(app);
