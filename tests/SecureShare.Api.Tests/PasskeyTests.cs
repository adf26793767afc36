using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Passkeys (WebAuthn) as a second factor, through a software authenticator that answers as a browser would. The
/// Chromium journey with a virtual authenticator is in the UI tests.
/// </summary>
public abstract class PasskeyTests(TestApp app) : DatabaseTest(app)
{
    private async Task<(Msp Msp, HttpClient Client)> AdminAsync()
    {
        var msp = await App.SignupMspAsync();
        return (msp, await App.ClientForAsync(msp.AdminEmail));
    }

    [Fact]
    public async Task A_registered_passkey_answers_the_second_step_of_a_sign_in_and_a_password_alone_no_longer_signs_in()
    {
        var (msp, client) = await AdminAsync();
        using var passkey = new SoftPasskey();

        var added = await passkey.RegisterAsync(client, "YubiKey");
        added.GetProperty("name").GetString().ShouldBe("YubiKey");
        added.GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10, "a first second factor comes with recovery codes");

        var due = await App.LoginRawAsync(msp.AdminEmail, Api.Password).ReadJsonAsync(HttpStatusCode.OK);
        due.GetProperty("mfaRequired").GetBoolean().ShouldBeTrue();
        due.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["Passkey", "RecoveryCode"]);

        var login = await passkey.SignInAsync(App.CreateClient(), msp.AdminEmail, Api.Password).ReadJsonAsync(HttpStatusCode.OK);
        var signedIn = App.ClientWithToken(login.GetProperty("accessToken").GetString()!);
        var mfa = await signedIn.GetAsync("/api/v1/me/mfa").ReadJsonAsync(HttpStatusCode.OK);
        var listed = mfa.GetProperty("passkeys").EnumerateArray().Single();
        listed.GetProperty("name").GetString().ShouldBe("YubiKey");
        listed.GetProperty("lastUsedAt").ValueKind.ShouldBe(JsonValueKind.String);
        listed.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "name", "createdAt", "lastUsedAt"], ignoreOrder: true, "no key material in the list");
        var succeeded = await signedIn.GetAsync("/api/v1/audit?type=auth.login.succeeded&limit=1").ReadJsonAsync(HttpStatusCode.OK);
        succeeded.GetProperty("items")[0].GetProperty("details").GetProperty("method").GetString().ShouldBe("Passkey");
        (await signedIn.GetAsync("/api/v1/audit?type=user.mfa.passkey.added").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_passkeys_answer_is_good_for_one_sign_in_a_replay_or_another_users_passkey_is_refused_and_counts_toward_lockout()
    {
        var (msp, client) = await AdminAsync();
        using var mine = new SoftPasskey();
        await mine.RegisterAsync(client);
        var colleagueEmail = Api.UniqueEmail("colleague");
        await client.CreateUserAsync(colleagueEmail, "Technician");
        using var theirs = new SoftPasskey();
        await theirs.RegisterAsync(await App.ClientForAsync(colleagueEmail));

        var anonymous = App.CreateClient();
        var token = (await App.LoginRawAsync(msp.AdminEmail, Api.Password).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("mfaToken").GetString()!;
        var options = (await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey/options", new { mfaToken = token }).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("publicKey");
        options.GetProperty("allowCredentials").GetArrayLength().ShouldBe(1, "only the user's own passkeys are offered");

        var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey", new { mfaToken = token, credential = theirs.Get(options) });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var failed = await client.GetAsync("/api/v1/audit?type=auth.mfa.failed").ReadJsonAsync(HttpStatusCode.OK);
        failed.GetProperty("items")[0].GetProperty("details").GetProperty("reason").GetString().ShouldBe("wrong passkey", "counted toward lockout as a wrong code is");

        var answer = mine.Get(options);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey", new { mfaToken = token, credential = answer })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey", new { mfaToken = token, credential = answer })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized, "the sign-in is complete: its token and challenge are used");

        var next = (await App.LoginRawAsync(msp.AdminEmail, Api.Password).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("mfaToken").GetString()!;
        await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey/options", new { mfaToken = next }).ReadJsonAsync(HttpStatusCode.OK);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey", new { mfaToken = next, credential = answer })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized, "an answer signs one challenge: replayed on a new sign-in it is refused");
    }

    [Fact]
    public async Task A_passkey_made_for_another_site_is_refused_and_nothing_is_stored()
    {
        var (_, client) = await AdminAsync();
        using var phished = new SoftPasskey(origin: "https://secureshare.evil.example");
        var options = await client.PostAsync("/api/v1/me/mfa/passkeys/options", null).ReadJsonAsync(HttpStatusCode.OK);

        var refused = await client.PostAsJsonAsync("/api/v1/me/mfa/passkeys", new { name = "Phished", credential = phished.Create(options.GetProperty("publicKey")) });

        await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/me/mfa").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("passkeys").GetArrayLength().ShouldBe(0);
        (await client.PostAsJsonAsync("/api/v1/me/mfa/passkeys", new { name = "No options", credential = new { id = "x" } })).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest, "the pending options are still there: the answer is what is wrong");
    }

    [Fact]
    public async Task Removing_the_last_passkey_takes_the_recovery_codes_with_it_and_an_admin_reset_removes_every_passkey()
    {
        var (msp, client) = await AdminAsync();
        using var first = new SoftPasskey();
        using var second = new SoftPasskey();
        var firstId = (await first.RegisterAsync(client, "First")).GetProperty("id").GetGuid();
        var secondAdded = await second.RegisterAsync(client, "Second");
        secondAdded.TryGetProperty("recoveryCodes", out var codes).ShouldBeTrue();
        codes.ValueKind.ShouldBe(JsonValueKind.Null, "recovery codes come with the first second factor only");

        (await client.DeleteAsync($"/api/v1/me/mfa/passkeys/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/v1/me/mfa/passkeys/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/me/mfa").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(10, "a passkey remains");
        (await second.SignInAsync(App.CreateClient(), msp.AdminEmail, Api.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var colleagueEmail = Api.UniqueEmail("colleague");
        var colleagueId = await client.CreateUserAsync(colleagueEmail, "Technician");
        var colleague = await App.ClientForAsync(colleagueEmail);
        using var theirs = new SoftPasskey();
        var theirId = (await theirs.RegisterAsync(colleague)).GetProperty("id").GetGuid();
        (await client.DeleteAsync($"/api/v1/me/mfa/passkeys/{theirId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another user's passkey is not yours to remove");
        (await client.DeleteAsync($"/api/v1/users/{colleagueId}/mfa")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await App.LoginRawAsync(colleagueEmail, Api.Password).ReadJsonAsync(HttpStatusCode.OK);
        after.GetProperty("mfaRequired").GetBoolean().ShouldBeFalse("an admin's reset removed the passkey");
    }

    [Fact]
    public async Task Under_a_tenant_mfa_policy_a_passkey_is_an_enrolment_that_lifts_the_limited_session()
    {
        var (msp, client) = await AdminAsync();
        var colleagueEmail = Api.UniqueEmail("colleague");
        await client.CreateUserAsync(colleagueEmail, "Technician");
        (await client.PutAsJsonAsync("/api/v1/tenant/policy", new { mfaRequired = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var colleague = await App.ClientForAsync(colleagueEmail);
        (await colleague.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "enrolment first");

        using var passkey = new SoftPasskey();
        await passkey.RegisterAsync(colleague);

        (await colleague.GetAsync("/api/v1/credentials")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasskeyTests_Sqlite(SqliteApp app) : PasskeyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PasskeyTests_Postgres(PostgresApp app) : PasskeyTests(app);
