using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A transaction whose connection dies (a database failover, a restart) runs again on a new connection when the loss
/// came before its commit, and never when it came during the commit: then it may have committed, and a second run
/// could make the change twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionLossTests(PostgresApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_transaction_whose_connection_died_before_its_commit_runs_again_on_a_new_connection_and_writes_once()
    {
        var name = $"Lost connection {Guid.NewGuid():N}";
        var attempts = 0;
        await using (var scope = App.CreateScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            await session.InTransactionAsync(
                async () =>
                {
                    attempts++;
                    db.Tenants.Add(Tenant.Create(name, TenantKind.Msp, null, DateTimeOffset.UtcNow));
                    await db.SaveChangesAsync();
                    if (attempts == 1)
                    {
                        await TerminateAsync(session); // the database goes away in the middle of the transaction
                    }

                    return await db.Tenants.CountAsync(t => t.Name == name);
                },
                CancellationToken.None);
        }

        attempts.ShouldBe(2);
        (await CountAsync(name)).ShouldBe(1);
    }

    [Fact]
    public async Task A_transaction_whose_connection_died_as_it_committed_is_not_run_again_and_says_its_outcome_is_unknown()
    {
        var name = $"Lost commit {Guid.NewGuid():N}";
        var attempts = 0;
        await using (var scope = App.CreateScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            await Should.ThrowAsync<CommitOutcomeUnknownException>(() => session.InTransactionAsync(
                async () =>
                {
                    attempts++;
                    db.Tenants.Add(Tenant.Create(name, TenantKind.Msp, null, DateTimeOffset.UtcNow));
                    await db.SaveChangesAsync();
                    await TerminateAsync(session); // nothing more to run: the next thing sent is the COMMIT
                    return true;
                },
                CancellationToken.None));
        }

        attempts.ShouldBe(1);
        (await CountAsync(name)).ShouldBe(0, "the server ended the transaction before the COMMIT arrived");
    }

    /// <summary>Ends the session's server process from another connection, and waits until it is gone (PostgreSQL 14+).</summary>
    private async Task TerminateAsync(DbSession session)
    {
        var pid = ((NpgsqlConnection)session.Connection).ProcessID;
        await using var other = new NpgsqlConnection(App.Database.ConnectionString);
        await other.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 10000)", other);
        terminate.Parameters.AddWithValue("pid", pid);
        ((bool)(await terminate.ExecuteScalarAsync())!).ShouldBeTrue();
    }

    private async Task<int> CountAsync(string name)
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Tenants.CountAsync(t => t.Name == name);
    }
}
