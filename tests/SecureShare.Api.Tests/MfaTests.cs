using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A second factor at sign-in: TOTP with recovery codes. Each test runs the app on a clock it moves itself, so a code's
/// 30-second time step is the test's choice, never the wall clock's.
/// </summary>
public abstract class MfaTests(TestApp app) : DatabaseTest(app)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private WebApplicationFactory<Program> NewFactory() => App.CreateFactory(new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(_clock));

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = Api.Password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    private static async Task<string> MfaTokenAsync(HttpClient client, string email)
    {
        var due = await LoginAsync(client, email).ReadJsonAsync(HttpStatusCode.OK);
        due.GetProperty("mfaRequired").GetBoolean().ShouldBeTrue();
        due.TryGetProperty("accessToken", out _).ShouldBeFalse("no session before the second factor");
        return due.GetProperty("mfaToken").GetString()!;
    }

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string mfaToken, string code) =>
        client.PostAsJsonAsync("/api/v1/auth/mfa", new { mfaToken, code });

    private HttpClient WithToken(WebApplicationFactory<Program> factory, JsonElement login)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>An MSP admin signed in on the factory, with TOTP enrolled at the clock's time.</summary>
    private async Task<(Msp Msp, Authenticator App)> EnrolledAdminAsync(WebApplicationFactory<Program> factory)
    {
        var msp = await App.SignupMspAsync();
        var client = WithToken(factory, await LoginAsync(factory.CreateClient(), msp.AdminEmail).ReadJsonAsync(HttpStatusCode.OK));
        var authenticator = await Authenticator.EnrolAsync(client, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(30));
        return (msp, authenticator);
    }

    [Fact]
    public async Task After_totp_enrolment_a_password_alone_gives_no_session_and_a_code_from_the_app_does()
    {
        await using var factory = NewFactory();
        var (msp, authenticator) = await EnrolledAdminAsync(factory);
        var anonymous = factory.CreateClient();

        var due = await LoginAsync(anonymous, msp.AdminEmail).ReadJsonAsync(HttpStatusCode.OK);
        due.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["Totp", "RecoveryCode"]);
        var login = await VerifyAsync(anonymous, due.GetProperty("mfaToken").GetString()!, authenticator.CodeAt(_clock.GetUtcNow())).ReadJsonAsync(HttpStatusCode.OK);

        var me = await WithToken(factory, login).GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK);
        me.GetProperty("userId").GetGuid().ShouldBe(msp.AdminId);
        var mfa = await WithToken(factory, login).GetAsync("/api/v1/me/mfa").ReadJsonAsync(HttpStatusCode.OK);
        mfa.GetProperty("totp").GetBoolean().ShouldBeTrue();
        mfa.GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(10);
        var succeeded = await WithToken(factory, login).GetAsync("/api/v1/audit?type=auth.login.succeeded&limit=1").ReadJsonAsync(HttpStatusCode.OK);
        succeeded.GetProperty("items")[0].GetProperty("details").GetProperty("method").GetString().ShouldBe("Totp");
    }

    [Fact]
    public async Task A_totp_code_is_accepted_once_a_replay_is_refused()
    {
        await using var factory = NewFactory();
        var (msp, authenticator) = await EnrolledAdminAsync(factory);
        var anonymous = factory.CreateClient();
        var code = authenticator.CodeAt(_clock.GetUtcNow());

        (await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), code)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), code).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        replay.GetProperty("detail").GetString().ShouldBe("The code is incorrect.");

        _clock.Advance(TimeSpan.FromSeconds(30));
        (await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), authenticator.CodeAt(_clock.GetUtcNow()))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_code_sent_twice_at_once_signs_in_once()
    {
        await using var factory = NewFactory();
        var (msp, authenticator) = await EnrolledAdminAsync(factory);
        var anonymous = factory.CreateClient();
        var code = authenticator.CodeAt(_clock.GetUtcNow());
        var tokens = new[] { await MfaTokenAsync(anonymous, msp.AdminEmail), await MfaTokenAsync(anonymous, msp.AdminEmail) };

        var answers = await Task.WhenAll(tokens.Select(t => VerifyAsync(anonymous, t, code)));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        await using var factory = NewFactory();
        var (msp, authenticator) = await EnrolledAdminAsync(factory);
        var anonymous = factory.CreateClient();
        var recovery = authenticator.RecoveryCodes[3];

        var login = await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), " " + recovery.ToUpperInvariant() + " ").ReadJsonAsync(HttpStatusCode.OK);
        (await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), recovery)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var mfa = await WithToken(factory, login).GetAsync("/api/v1/me/mfa").ReadJsonAsync(HttpStatusCode.OK);
        mfa.GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(9);
        var renewed = await WithToken(factory, login).PostAsync("/api/v1/me/mfa/recovery-codes", null).ReadJsonAsync(HttpStatusCode.OK);
        renewed.GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);
        (await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), authenticator.RecoveryCodes[4])).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized, "renewing replaces the old codes");
    }

    [Fact]
    public async Task Wrong_codes_count_toward_lockout_and_a_right_password_does_not_reset_the_count()
    {
        await using var factory = NewFactory();
        var (msp, authenticator) = await EnrolledAdminAsync(factory);
        var anonymous = factory.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            (await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), "000000")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var token = await MfaTokenAsync(anonymous, msp.AdminEmail);
        (await VerifyAsync(anonymous, token, "111111")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await VerifyAsync(anonymous, token, authenticator.CodeAt(_clock.GetUtcNow()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "locked out");
        (await LoginAsync(anonymous, msp.AdminEmail)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "locked out");

        var failed = await DatabaseCountAsync("auth.mfa.failed");
        failed.ShouldBe(6);
    }

    [Fact]
    public async Task An_mfa_token_is_good_for_five_minutes_and_one_sign_in()
    {
        await using var factory = NewFactory();
        var (msp, authenticator) = await EnrolledAdminAsync(factory);
        var anonymous = factory.CreateClient();

        var token = await MfaTokenAsync(anonymous, msp.AdminEmail);
        (await VerifyAsync(anonymous, token, authenticator.CodeAt(_clock.GetUtcNow()))).StatusCode.ShouldBe(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var used = await VerifyAsync(anonymous, token, authenticator.CodeAt(_clock.GetUtcNow())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        used.GetProperty("detail").GetString()!.ShouldContain("Sign in again");

        var late = await MfaTokenAsync(anonymous, msp.AdminEmail);
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        (await VerifyAsync(anonymous, late, authenticator.CodeAt(_clock.GetUtcNow()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await VerifyAsync(anonymous, "not-a-token", "123456")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_second_factors_needs_a_sign_in_from_the_last_fifteen_minutes()
    {
        await using var factory = NewFactory();
        var msp = await App.SignupMspAsync();
        var client = WithToken(factory, await LoginAsync(factory.CreateClient(), msp.AdminEmail).ReadJsonAsync(HttpStatusCode.OK));
        var authenticator = await Authenticator.EnrolAsync(client, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(16));

        var refused = await client.DeleteAsync("/api/v1/me/mfa/totp").ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("sign in again");
        (await client.PostAsync("/api/v1/me/mfa/recovery-codes", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no fresh codes for an old session");
        (await client.PostAsync("/api/v1/me/mfa/passkeys/options", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no planted passkey either");

        var anonymous = factory.CreateClient();
        var login = await VerifyAsync(anonymous, await MfaTokenAsync(anonymous, msp.AdminEmail), authenticator.CodeAt(_clock.GetUtcNow())).ReadJsonAsync(HttpStatusCode.OK);
        (await WithToken(factory, login).DeleteAsync("/api/v1/me/mfa/totp")).StatusCode.ShouldBe(HttpStatusCode.NoContent, "a fresh sign-in may");
    }

    [Fact]
    public async Task Enrolment_is_on_only_after_a_right_first_code_and_removal_turns_it_off()
    {
        await using var factory = NewFactory();
        var msp = await App.SignupMspAsync();
        var client = WithToken(factory, await LoginAsync(factory.CreateClient(), msp.AdminEmail).ReadJsonAsync(HttpStatusCode.OK));

        var enrolment = await client.PostAsync("/api/v1/me/mfa/totp", null).ReadJsonAsync(HttpStatusCode.OK);
        enrolment.GetProperty("otpauthUri").GetString()!.ShouldStartWith("otpauth://totp/");
        enrolment.GetProperty("qrCodeSvg").GetString()!.ShouldContain("<svg");
        var wrong = await client.PostAsJsonAsync("/api/v1/me/mfa/totp/confirm", new { code = "12345" }).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrong.GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        (await LoginAsync(factory.CreateClient(), msp.AdminEmail).ReadJsonAsync(HttpStatusCode.OK)).TryGetProperty("accessToken", out _)
            .ShouldBeTrue("a pending enrolment asks for no code yet");

        var again = await client.PostAsync("/api/v1/me/mfa/totp", null).ReadJsonAsync(HttpStatusCode.OK);
        again.GetProperty("secret").GetString().ShouldBe(enrolment.GetProperty("secret").GetString(), "a pending seed is shown again: the app may have scanned it");
        await Authenticator.EnrolAsync(client, _clock.GetUtcNow());
        (await client.PostAsync("/api/v1/me/mfa/totp", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "one app at a time: remove it first");
        (await client.DeleteAsync("/api/v1/me/mfa/totp")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await LoginAsync(factory.CreateClient(), msp.AdminEmail).ReadJsonAsync(HttpStatusCode.OK)).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Totp_seeds_and_recovery_codes_are_not_in_the_database_in_clear()
    {
        await using var factory = NewFactory();
        var (_, authenticator) = await EnrolledAdminAsync(factory);

        var dump = await RawDatabase.DumpAsync(App.Database);
        dump.ShouldNotContain(authenticator.Secret);
        foreach (var code in authenticator.RecoveryCodes)
        {
            dump.ShouldNotContain(code);
            dump.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal));
        }
    }

    private Task<long> DatabaseCountAsync(string type) =>
        App.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM {App.Database.Table("audit", "events")} WHERE \"Type\" = '{type}'");
}

[Collection(SqliteCollection.Name)]
public sealed class MfaTests_Sqlite(SqliteApp app) : MfaTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MfaTests_Postgres(PostgresApp app) : MfaTests(app);
