using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class ConcurrencyTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Concurrent_commands_all_commit_on_the_database()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);

        var emails = Enumerable.Range(0, 12).Select(_ => Api.UniqueEmail("parallel")).ToList();
        await Task.WhenAll(emails.Select(email => admin.CreateUserAsync(email, "Member")));

        var users = await admin.GetAsync("/api/v1/users?limit=500").ReadJsonAsync(System.Net.HttpStatusCode.OK);
        users.GetProperty("items").GetArrayLength().ShouldBe(13);
    }

    [Fact]
    public async Task A_unique_index_violation_is_recognised_on_this_provider()
    {
        var msp = await App.SignupMspAsync();
        using var _ = TenantContext.Begin(await App.TenantAsync(msp.TenantId));
        await using var inTenant = App.CreateScope();
        var db = inTenant.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var existing = await db.Users.SingleAsync();
        db.Users.Add(new User
        {
            Email = existing.Email,
            NormalizedEmail = existing.NormalizedEmail,
            DisplayName = "Twin",
            Role = UserRole.Member,
            PasswordHash = "not-a-real-hash",
        });

        var failure = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        UniqueViolation.Is(failure).ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConcurrencyTests_Sqlite(SqliteApp app) : ConcurrencyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyTests_Postgres(PostgresApp app) : ConcurrencyTests(app);
