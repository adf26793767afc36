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

    [Fact]
    public async Task A_probe_for_another_tenants_object_is_recorded_in_the_callers_own_log_exactly_as_a_missing_one()
    {
        var victim = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var secretId = (await victim.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Victim's router", secret = "s" })
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var victimEventsBefore = Items(await victim.GetAsync("/api/v1/audit?limit=500").ReadJsonAsync(HttpStatusCode.OK)).Count;
        var prober = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);

        var foreign = await prober.GetAsync($"/api/v1/credentials/{secretId}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await prober.GetAsync($"/api/v1/credentials/{Guid.NewGuid()}/secret").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreign.GetProperty("detail").GetString().ShouldBe(missing.GetProperty("detail").GetString());

        var recorded = Items(await prober.GetAsync("/api/v1/audit?type=request.refused").ReadJsonAsync(HttpStatusCode.OK));
        recorded.Count.ShouldBe(2);
        recorded.ShouldAllBe(e => e.GetProperty("outcome").GetString() == "Denied");
        recorded[0].GetProperty("details").GetRawText().ShouldBe(recorded[1].GetProperty("details").GetRawText()); // the log cannot tell them apart
        recorded[0].GetProperty("targets").GetArrayLength().ShouldBe(0);
        Items(await victim.GetAsync("/api/v1/audit?limit=500").ReadJsonAsync(HttpStatusCode.OK)).Count.ShouldBe(victimEventsBefore); // the victim's log learns nothing
    }

    [Fact]
    public async Task A_prober_cannot_flood_the_log_past_a_users_refusal_budget_a_minute()
    {
        await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Audit:RefusalsPerUserPerMinute"] = "5" });
        var prober = factory.CreateClient();
        prober.DefaultRequestHeaders.Authorization = (await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail)).DefaultRequestHeaders.Authorization;
        for (var i = 0; i < 40; i++)
        {
            await prober.GetAsync($"/api/v1/credentials/{Guid.NewGuid()}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        var refused = Items(await prober.GetAsync("/api/v1/audit?type=request.refused").ReadJsonAsync(HttpStatusCode.OK)).Count;
        var throttled = Items(await prober.GetAsync("/api/v1/audit?type=request.refused.throttled").ReadJsonAsync(HttpStatusCode.OK)).Count;
        (refused + throttled).ShouldBeLessThanOrEqualTo(12); // at most two minutes' budgets and notes, should the minute turn during the loop
        throttled.ShouldBeGreaterThanOrEqualTo(1);

        // a 403 is recorded whatever the 404 budget says
        var memberEmail = Api.UniqueEmail("member");
        await prober.CreateUserAsync(memberEmail, "Member");
        var member = factory.CreateClient();
        member.DefaultRequestHeaders.Authorization = (await App.ClientForAsync(memberEmail)).DefaultRequestHeaders.Authorization;
        for (var i = 0; i < 10; i++)
        {
            await member.GetAsync($"/api/v1/credentials/{Guid.NewGuid()}").ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await member.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Not a Member's", secret = "s" }).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Items(await prober.GetAsync("/api/v1/audit?type=access.denied").ReadJsonAsync(HttpStatusCode.OK)).Count.ShouldBe(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditLogTests_Sqlite(SqliteApp app) : AuditLogTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests_Postgres(PostgresApp app) : AuditLogTests(app);
