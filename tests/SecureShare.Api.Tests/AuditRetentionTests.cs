using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Modules.Audit.Features.Retention;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Retention removes a tenant's events past its policy from the start of its chain, and the chain stays verifiable:
/// a checkpoint event names the last removed link. Time is moved with hosts on a fake clock that share the database.
/// </summary>
public abstract class AuditRetentionTests(TestApp app) : DatabaseTest(app)
{
    /// <summary>Another host on the same database whose clock reads <paramref name="days"/> days from now.</summary>
    private WebApplicationFactory<Program> Later(int days) =>
        App.CreateFactory(new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(days))));

    private static async Task<TResult> SendAsync<TResult>(WebApplicationFactory<Program> host, IRequest<TResult> command)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>Events written in a tenant at the host's time (as any action there would write them).</summary>
    private static async Task RecordAsync(WebApplicationFactory<Program> host, Guid tenantId, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindAsync(tenantId))!;
        using (TenantContext.Begin(tenant))
        {
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            await scope.ServiceProvider.GetRequiredService<DbSession>().InTransactionAsync(async () =>
            {
                await trail.RecordManyAsync(Enumerable.Range(0, count).Select(i => new AuditRecord("test.later", AuditOutcome.Succeeded, [])).ToList(), CancellationToken.None);
                return 0;
            }, CancellationToken.None);
        }
    }

    private static Task<AuditVerification> VerifyAsync(HttpClient admin) =>
        admin.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK);

    [Fact]
    public async Task Retention_removes_the_old_start_of_the_chain_and_leaves_it_verifiable()
    {
        var family = await App.Family().Client("Acme").BuildAsync();
        var admin = family.Admin.Api;
        (await admin.GetAsync("/api/v1/audit/policy").ReadAsync<AuditPolicyAnswer>(HttpStatusCode.OK)).RetentionDays.ShouldBe(400);
        (await admin.PutAsJsonAsync("/api/v1/audit/policy", new { retentionDays = 90 }).ReadAsync<AuditPolicyAnswer>(HttpStatusCode.OK)).RetentionDays.ShouldBe(90);
        await admin.PutAsJsonAsync("/api/v1/audit/policy", new { retentionDays = 30 }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await SendAsync(App.Factory, new SealAuditLog.Command());
        var old = await VerifyAsync(admin);
        var client = await VerifyAsync(family.Client("Acme").Admin.Api);

        await using (var later = Later(100))
        {
            await RecordAsync(later, family.MspId, 3);
            await SendAsync(later, new SealAuditLog.Command());
        }

        await using (var muchLater = Later(150))
        {
            // 90 days before day 150: today's events go, day 100's stay; the client keeps the default 400 days.
            (await SendAsync(muchLater, new ApplyAuditRetention.Command())).ShouldBe((int)old.Events);
            (await SendAsync(muchLater, new ApplyAuditRetention.Command())).ShouldBe(0);
            await SendAsync(muchLater, new SealAuditLog.Command());
        }

        var after = await VerifyAsync(admin);
        after.ShouldBe(after with { Valid = true, Events = 3 + 1, Unsealed = 0 }); // the three kept and the checkpoint
        after.Head!.Sequence.ShouldBe(old.Events + 3 + 1);
        (await VerifyAsync(family.Client("Acme").Admin.Api)).ShouldBe(client);
        var types = (await admin.GetAsync("/api/v1/audit?limit=500").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items.Select(e => e.Type);
        types.ShouldBe(["audit.retention.applied", "test.later", "test.later", "test.later"]);

        // An outside reader recomputes the rest of the chain from the checkpoint's link.
        var export = await admin.GetAsync("/api/v1/audit/export?format=jsonl");
        var file = Path.Combine(Path.GetTempPath(), $"secureshare-audit-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllBytesAsync(file, await export.Content.ReadAsByteArrayAsync());
        var script = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", [Path.Combine(HostProcess.RepositoryRoot, "scripts", "audit-chain.py"), file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await script.StandardOutput.ReadToEndAsync() + await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        script.ExitCode.ShouldBe(0, output);
        output.ShouldContain($"starting after retention checkpoint #{old.Events}");
    }

    [Fact]
    public async Task Retention_never_removes_a_broken_part_of_the_chain()
    {
        var family = await App.Family().BuildAsync();
        var admin = family.Admin.Api;
        await admin.PutAsJsonAsync("/api/v1/audit/policy", new { retentionDays = 90 }).ReadAsync<AuditPolicyAnswer>(HttpStatusCode.OK);
        await SendAsync(App.Factory, new SealAuditLog.Command());
        var events = (await admin.GetAsync("/api/v1/audit?limit=500").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items.Reverse().ToList();
        var victim = events[2];
        await App.Database.TamperAsync($"UPDATE {App.Database.Table("audit", "events")} SET \"ActorName\" = 'someone else' WHERE \"Id\" = {App.Database.Literal(victim.Id)}");

        await using (var later = Later(150))
        {
            (await SendAsync(later, new ApplyAuditRetention.Command())).ShouldBe(2); // the two before it
        }

        var verdict = await VerifyAsync(admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "event-changed", FirstBrokenEventId = victim.Id });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditRetentionTests_Sqlite(SqliteApp app) : AuditRetentionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditRetentionTests_Postgres(PostgresApp app) : AuditRetentionTests(app);
