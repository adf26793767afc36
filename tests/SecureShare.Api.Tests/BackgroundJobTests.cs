using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Host.Infrastructure;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>A Hangfire job carries a tenant id only and runs inside that tenant, on the configured job storage.</summary>
public abstract class BackgroundJobTests(TestApp app) : DatabaseTest(app)
{
    internal sealed class CountUsersJob(AccountsDbContext db) : ITenantJob
    {
        public static ConcurrentDictionary<Guid, int> Seen { get; } = new();

        public async Task RunAsync(CancellationToken cancellationToken) =>
            Seen[TenantContext.Current!.Id] = await db.Users.CountAsync(cancellationToken);
    }

    [Fact]
    public async Task An_enqueued_tenant_job_runs_on_the_job_server_inside_its_tenant()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        await admin.CreateUserAsync(Api.UniqueEmail(), "Member");
        await App.SignupMspAsync();

        await using var jobsApp = App.CreateFactory(new Dictionary<string, string?>
        {
            ["Jobs:Server"] = "true",
            ["Jobs:QueuePollInterval"] = "00:00:01",
        });
        _ = jobsApp.Server;
        jobsApp.Services.GetRequiredService<IBackgroundJobClient>().EnqueueForTenant<CountUsersJob>(msp.TenantId);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!CountUsersJob.Seen.ContainsKey(msp.TenantId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        CountUsersJob.Seen.ShouldContainKey(msp.TenantId, string.Join("\n", App.Logs.Lines.Where(l => l.Text.Contains("Hangfire", StringComparison.Ordinal)).Select(l => l.Text).TakeLast(5)));
        CountUsersJob.Seen[msp.TenantId].ShouldBe(2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackgroundJobTests_Sqlite(SqliteApp app) : BackgroundJobTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BackgroundJobTests_Postgres(PostgresApp app) : BackgroundJobTests(app);
