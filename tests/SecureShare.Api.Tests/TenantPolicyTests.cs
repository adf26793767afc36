using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>A tenant's sign-in policy: MFA required (by the tenant, or by its MSP for all clients), session lengths, MFA reset.</summary>
public abstract class TenantPolicyTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Mfa_required_limits_a_user_without_a_second_factor_to_enrolling_one()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var email = Api.UniqueEmail("tech");
        await admin.CreateUserAsync(email, "Technician");
        var technician = await App.ClientForAsync(email);

        var policy = await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { mfaRequired = true }).ReadJsonAsync(HttpStatusCode.OK);
        policy.GetProperty("mfaRequired").GetBoolean().ShouldBeTrue();

        var refused = await technician.GetAsync("/api/v1/credentials").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("POST /api/v1/me/mfa/totp");
        (await technician.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the admin who switched it on has no second factor either");

        await Authenticator.EnrolAsync(technician, DateTimeOffset.UtcNow);
        (await technician.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK, "enrolled: the limit is lifted on the same session");
    }

    [Fact]
    public async Task An_msp_may_require_mfa_of_every_client()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var (_, site, _) = await App.CreateClientTenantAsync(admin);
        (await site.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var policy = await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { mfaRequiredForClients = true }).ReadJsonAsync(HttpStatusCode.OK);
        policy.GetProperty("mfaRequiredForClients").GetBoolean().ShouldBeTrue();
        policy.GetProperty("mfaRequired").GetBoolean().ShouldBeFalse();
        (await admin.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK, "the MSP itself is not bound by its clients' rule");

        (await site.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await site.GetAsync("/api/v1/tenant/policy")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "enrolment first");
        await Authenticator.EnrolAsync(site, DateTimeOffset.UtcNow);
        var seen = await site.GetAsync("/api/v1/tenant/policy").ReadJsonAsync(HttpStatusCode.OK);
        seen.GetProperty("mfaRequiredByMsp").GetBoolean().ShouldBeTrue();
        seen.GetProperty("mfaRequiredForClients").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var bad = await site.PutAsJsonAsync("/api/v1/tenant/policy", new { mfaRequiredForClients = true }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("mfaRequiredForClients", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_admin_resets_a_users_second_factors_ending_their_sessions_and_it_is_audited()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);
        var email = Api.UniqueEmail("member");
        var memberId = await admin.CreateUserAsync(email, "Member");
        var member = await App.ClientForAsync(email);
        await Authenticator.EnrolAsync(member, DateTimeOffset.UtcNow);
        (await App.LoginRawAsync(email, Api.Password).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("mfaRequired").GetBoolean().ShouldBeTrue();

        (await member.DeleteAsync($"/api/v1/users/{memberId}/mfa")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.DeleteAsync($"/api/v1/users/{memberId}/mfa")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await member.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "whoever held a session may have been the reason for the reset");

        (await App.LoginRawAsync(email, Api.Password).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("mfaRequired").GetBoolean().ShouldBeFalse();
        var events = await admin.GetAsync("/api/v1/audit?type=user.mfa.reset").ReadJsonAsync(HttpStatusCode.OK);
        events.GetProperty("items")[0].GetProperty("summary").GetString()!.ShouldEndWith($"reset the second factors of '{email[..8]}'");

        var other = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        (await other.DeleteAsync($"/api/v1/users/{memberId}/mfa")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tenant_may_shorten_sessions_never_lengthen_them()
    {
        var msp = await App.SignupMspAsync();
        var admin = await App.ClientForAsync(msp.AdminEmail);

        var tooLong = await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { sessionIdleMinutes = 100_000 }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        tooLong.GetProperty("errors").TryGetProperty("sessionIdleMinutes", out _).ShouldBeTrue();
        var policy = await admin.PutAsJsonAsync("/api/v1/tenant/policy", new { sessionMaxHours = 2, sessionIdleMinutes = 10 }).ReadJsonAsync(HttpStatusCode.OK);
        policy.GetProperty("sessionMaxHours").GetInt32().ShouldBe(2);

        var login = await App.LoginAsync(msp.AdminEmail);
        login.ExpiresAt.ShouldBeLessThan(DateTimeOffset.UtcNow.AddHours(2).AddMinutes(1));
        var changed = await admin.GetAsync("/api/v1/audit?type=tenant.policy.changed").ReadJsonAsync(HttpStatusCode.OK);
        var details = changed.GetProperty("items")[0].GetProperty("details");
        details.GetProperty("sessionMaxHours").GetString().ShouldBe("2");
        details.GetProperty("sessionIdleMinutes").GetString().ShouldBe("10");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantPolicyTests_Sqlite(SqliteApp app) : TenantPolicyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantPolicyTests_Postgres(PostgresApp app) : TenantPolicyTests(app);
