using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Set-based inserts: many rows in one statement, read back by EF exactly as written, stamped with the tenant.</summary>
public abstract class BulkRowsTests(TestApp app) : DatabaseTest(app)
{
    private static User NewUser(int i, DateTimeOffset at) => new()
    {
        Email = $"bulk{i}@example.test",
        NormalizedEmail = $"BULK{i}@EXAMPLE.TEST",
        DisplayName = i % 2 == 0 ? $"Bülk \"{i}\" ' ; --" : $"Bulk {i}",
        Role = i % 3 == 0 ? UserRole.Technician : UserRole.Member,
        PasswordHash = "not-a-real-hash",
        IsDisabled = i % 2 == 1,
        FailedLoginCount = i,
        LockoutEndsAt = i % 2 == 0 ? null : at.AddMinutes(i),
        CreatedAt = at,
    };

    [Fact]
    public async Task Many_rows_go_in_as_one_statement_and_read_back_unchanged()
    {
        var msp = await App.SignupMspAsync();
        var tenant = await App.TenantAsync(msp.TenantId);
        var at = new DateTimeOffset(2026, 11, 23, 1, 2, 3, 456, TimeSpan.Zero);
        var users = Enumerable.Range(0, 2_000).Select(i => NewUser(i, at)).ToList();

        using (TenantContext.Begin(tenant))
        {
            await using var scope = App.CreateScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var before = session.Commands.Count;
            (await session.InTransactionAsync(() => db.InsertManyAsync(users, CancellationToken.None), CancellationToken.None)).ShouldBe(2_000);
            (session.Commands.Count - before).ShouldBe(1);
        }

        using (TenantContext.Begin(tenant))
        {
            await using var scope = App.CreateScope();
            var stored = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.AsNoTracking()
                .Where(u => u.Email.StartsWith("bulk")).ToDictionaryAsync(u => u.Id);
            stored.Count.ShouldBe(2_000);
            foreach (var user in users)
            {
                var row = stored[user.Id];
                (row.Email, row.DisplayName, row.Role, row.IsDisabled, row.FailedLoginCount, row.LockoutEndsAt, row.CreatedAt)
                    .ShouldBe((user.Email, user.DisplayName, user.Role, user.IsDisabled, user.FailedLoginCount, user.LockoutEndsAt, user.CreatedAt));
                (row.TenantId, row.FamilyId).ShouldBe((tenant.Id, tenant.FamilyId));
            }
        }
    }

    [Fact]
    public async Task A_committed_bulk_insert_of_many_rows_refreshes_PostgreSQL_planner_statistics_of_its_table()
    {
        if (App.Database.Provider != DatabaseProvider.PostgreSql)
        {
            return; // SQLite's planner keeps no statistics unless asked; SQL Server refreshes its own
        }

        async Task<long> AnalyzeCountAsync()
        {
            await using var connection = App.Database.OpenConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT analyze_count + autoanalyze_count FROM pg_stat_user_tables WHERE schemaname = 'accounts' AND relname = 'users'";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var msp = await App.SignupMspAsync();
        var tenant = await App.TenantAsync(msp.TenantId);
        var before = await AnalyzeCountAsync();
        using (TenantContext.Begin(tenant))
        {
            await using var scope = App.CreateScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var users = Enumerable.Range(0, PlannerStatistics.Threshold).Select(i => NewUser(i, DateTimeOffset.UtcNow)).ToList();
            await session.InTransactionAsync(() => db.InsertManyAsync(users, CancellationToken.None), CancellationToken.None);
        }

        // The ANALYZE runs in the background after the commit; PostgreSQL's statistics views lag a little too.
        for (var wait = 0; wait < 100 && await AnalyzeCountAsync() == before; wait++)
        {
            await Task.Delay(100);
        }

        (await AnalyzeCountAsync()).ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task A_bulk_insert_refuses_rows_of_another_tenant()
    {
        var msp = await App.SignupMspAsync();
        var tenant = await App.TenantAsync(msp.TenantId);
        using var _ = TenantContext.Begin(tenant);
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var foreign = NewUser(1, DateTimeOffset.UtcNow);
        foreign.TenantId = Guid.NewGuid();
        await Should.ThrowAsync<TenantIsolationException>(() => db.InsertManyAsync([foreign], CancellationToken.None));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BulkRowsTests_Sqlite(SqliteApp app) : BulkRowsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BulkRowsTests_Postgres(PostgresApp app) : BulkRowsTests(app);
