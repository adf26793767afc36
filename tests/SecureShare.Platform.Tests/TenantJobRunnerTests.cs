using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>A background job carries a tenant id only and runs inside that tenant.</summary>
public abstract class TenantJobRunnerTests(TestApp app) : DatabaseTest(app)
{
    internal sealed class CountUsersJob(AccountsDbContext db) : ITenantJob
    {
        /// <summary>Users counted per tenant the job ran in (the two database collections run in parallel).</summary>
        public static ConcurrentDictionary<Guid, int> Seen { get; } = new();

        public async Task RunAsync(CancellationToken cancellationToken) =>
            Seen[TenantContext.Current!.Id] = await db.Users.CountAsync(cancellationToken);
    }

    [Fact]
    public async Task A_job_runs_inside_its_tenant_and_sees_only_its_rows()
    {
        var one = await App.SignupMspAsync();
        await App.SignupMspAsync();

        await using var scope = App.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TenantJobRunner<CountUsersJob>>().RunAsync(one.TenantId);

        CountUsersJob.Seen[one.TenantId].ShouldBe(1);
        TenantContext.Current.ShouldBeNull();
    }

    [Fact]
    public async Task A_job_without_a_tenant_or_with_an_unknown_tenant_does_not_run()
    {
        await using var scope = App.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<TenantJobRunner<CountUsersJob>>();
        await Should.ThrowAsync<TenantIsolationException>(() => runner.RunAsync(Guid.Empty));
        await Should.ThrowAsync<TenantNotFoundException>(() => runner.RunAsync(Guid.NewGuid()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantJobRunnerTests_Sqlite(SqliteApp app) : TenantJobRunnerTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantJobRunnerTests_Postgres(PostgresApp app) : TenantJobRunnerTests(app);
