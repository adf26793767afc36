using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

public abstract class AuditLogTests(TestApp app) : DatabaseTest(app)
{
    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Cursor_paging_walks_every_event_newest_first_without_repeats()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        for (var i = 0; i < 3; i++)
        {
            await admin.CreateUserAsync(Api.UniqueEmail(), "Member");
        }

        var all = Items(await admin.GetAsync("/api/v1/audit?limit=500").ReadJsonAsync(HttpStatusCode.OK));
        all.Count.ShouldBeGreaterThanOrEqualTo(6);
        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await admin.GetAsync($"/api/v1/audit?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}").ReadJsonAsync(HttpStatusCode.OK);
            Items(page).Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(Items(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.Select(e => e.GetProperty("id").GetGuid()).ShouldBe(all.Select(e => e.GetProperty("id").GetGuid()));
        var times = seen.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
    }

    [Fact]
    public async Task Events_filter_by_type_actor_target_and_time()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var memberId = await admin.CreateUserAsync(Api.UniqueEmail(), "Member");
        var start = DateTimeOffset.UtcNow;
        await admin.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { displayName = "Renamed member" });

        var byType = Items(await admin.GetAsync("/api/v1/audit?type=user.updated").ReadJsonAsync(HttpStatusCode.OK));
        byType.Count.ShouldBe(1);
        var updated = byType[0];
        updated.GetProperty("actor").GetProperty("userId").GetGuid().ShouldBe(msp.AdminId);
        updated.GetProperty("targets")[0].GetProperty("id").GetGuid().ShouldBe(memberId);
        updated.GetProperty("details").GetProperty("displayName").GetString().ShouldBe("Renamed member");
        updated.GetProperty("ip").ValueKind.ShouldNotBe(JsonValueKind.Undefined);

        var byActor = Items(await admin.GetAsync($"/api/v1/audit?actorId={msp.AdminId}&limit=500").ReadJsonAsync(HttpStatusCode.OK));
        byActor.ShouldAllBe(e => e.GetProperty("actor").GetProperty("userId").GetGuid() == msp.AdminId);
        byActor.Select(e => e.GetProperty("type").GetString()).ShouldContain("user.updated");

        var at = updated.GetProperty("at").GetDateTimeOffset();
        string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));
        Items(await admin.GetAsync($"/api/v1/audit?type=user.updated&from={Q(at)}&to={Q(at)}").ReadJsonAsync(HttpStatusCode.OK)).Count.ShouldBe(1);
        Items(await admin.GetAsync($"/api/v1/audit?type=user.updated&to={Q(at.AddMilliseconds(-1))}").ReadJsonAsync(HttpStatusCode.OK)).ShouldBeEmpty();
        Items(await admin.GetAsync($"/api/v1/audit?type=user.updated&from={Q(at.AddMilliseconds(1))}").ReadJsonAsync(HttpStatusCode.OK)).ShouldBeEmpty();
        var untilStart = Q(start.AddMinutes(-10));
        Items(await admin.GetAsync($"/api/v1/audit?to={untilStart}").ReadJsonAsync(HttpStatusCode.OK)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Creating_a_client_is_recorded_on_both_sides()
    {
        var msp = await App.SignupMspAsync();
        var mspAdmin = await App.ClientForAsync(msp.AdminEmail);
        var (clientId, siteAdmin, _) = await App.CreateClientTenantAsync(mspAdmin);

        var mspSide = Items(await mspAdmin.GetAsync("/api/v1/audit?type=client.created").ReadJsonAsync(HttpStatusCode.OK)).Single();
        mspSide.GetProperty("targets")[0].GetProperty("id").GetGuid().ShouldBe(clientId);
        var clientSide = Items(await siteAdmin.GetAsync("/api/v1/audit?type=tenant.created").ReadJsonAsync(HttpStatusCode.OK)).Single();
        clientSide.GetProperty("actor").GetProperty("userId").GetGuid().ShouldBe(msp.AdminId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditLogTests_Sqlite(SqliteApp app) : AuditLogTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests_Postgres(PostgresApp app) : AuditLogTests(app);
