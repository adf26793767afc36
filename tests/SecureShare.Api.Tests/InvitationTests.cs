using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// Invitations and password resets by email, caught by a real SMTP server in the test process: nobody but the person
/// ever knows their password, each link works once and for a while, and a reset answers alike for unknown emails.
/// </summary>
public abstract class InvitationTests(TestApp app) : DatabaseTest(app)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private WebApplicationFactory<Program> NewFactory(TestSmtpServer smtp) => App.CreateFactory(smtp.Settings, s => s.AddSingleton<TimeProvider>(_clock));

    private static string TokenIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", $"{Regex.Escape(path)}([A-Za-z0-9_-]+)");
        match.Success.ShouldBeTrue(message.TextBody);
        (message.HtmlBody ?? "").ShouldContain(path + match.Groups[1].Value);
        return match.Groups[1].Value;
    }

    private async Task<HttpClient> AdminAsync(WebApplicationFactory<Program> factory) => await SignedInAsync(factory, (await App.SignupMspAsync("Acme IT")).AdminEmail);

    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, string email)
    {
        var login = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Api.Password }).ReadJsonAsync(HttpStatusCode.OK);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task An_invitee_sets_their_own_password_through_the_emailed_link_once()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var admin = await AdminAsync(factory);
        var email = Api.UniqueEmail("invitee");

        var invited = await admin.PostAsJsonAsync("/api/v1/invitations", new { email, displayName = "Ivy Invitee", role = "Technician" }).ReadJsonAsync(HttpStatusCode.Created);
        invited.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(_clock.GetUtcNow().AddHours(72), TimeSpan.FromSeconds(1));
        var message = smtp.Waiting().ShouldHaveSingleItem("the email left before the answer");
        message.To.Mailboxes.Single().Address.ShouldBe(email);
        message.Subject.ShouldBe("MSP Admin invited you to Acme IT on SecureShare");
        var token = TokenIn(message, "/invite/");
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "anything at all here" })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized, "no password before the invitation is accepted");

        var anonymous = factory.CreateClient();
        var accepted = await anonymous.PostAsJsonAsync($"/api/v1/public/invitations/{token}/accept", new { password = "ivy's own long password" }).ReadJsonAsync(HttpStatusCode.OK);
        accepted.GetProperty("email").GetString().ShouldBe(email);
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "ivy's own long password" }).ReadJsonAsync(HttpStatusCode.OK);
        login.GetProperty("role").GetString().ShouldBe("Technician");
        login.GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
        await anonymous.PostAsJsonAsync($"/api/v1/public/invitations/{token}/accept", new { password = "another long password" }).ShouldBeProblemAsync(HttpStatusCode.Gone);

        var audit = await admin.GetAsync("/api/v1/audit?limit=20").ReadJsonAsync(HttpStatusCode.OK);
        var types = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldContain("user.invited");
        types.ShouldContain("user.invitation.accepted");
        (await RawDatabase.DumpAsync(App.Database)).ShouldNotContain(token);
    }

    [Fact]
    public async Task An_invitation_link_ends_after_72_hours_and_inviting_again_sends_a_new_one()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var msp = await App.SignupMspAsync();
        var admin = await SignedInAsync(factory, msp.AdminEmail);
        var email = Api.UniqueEmail("late");
        await admin.PostAsJsonAsync("/api/v1/invitations", new { email, displayName = "Late", role = "Member" }).ReadJsonAsync(HttpStatusCode.Created);
        var first = TokenIn(await smtp.NextAsync(), "/invite/");

        _clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        var gone = await factory.CreateClient().PostAsJsonAsync($"/api/v1/public/invitations/{first}/accept", new { password = "a long enough password" })
            .ShouldBeProblemAsync(HttpStatusCode.Gone);
        gone.GetProperty("detail").GetString()!.ShouldContain("invite you again");

        admin = await SignedInAsync(factory, msp.AdminEmail); // three days on: a new session
        await admin.PostAsJsonAsync("/api/v1/invitations", new { email, displayName = "Late", role = "Member" }).ReadJsonAsync(HttpStatusCode.Created);
        var second = TokenIn(await smtp.NextAsync(), "/invite/");
        (await factory.CreateClient().PostAsJsonAsync($"/api/v1/public/invitations/{second}/accept", new { password = "a long enough password" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_made_without_a_password_invites_its_site_admin_and_the_msp_never_knows_theirs()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var admin = await AdminAsync(factory);
        var siteAdmin = Api.UniqueEmail("site");

        await admin.PostAsJsonAsync("/api/v1/clients", new { name = "Contoso Dental", adminEmail = siteAdmin, adminDisplayName = "Dana Site" }).ReadJsonAsync(HttpStatusCode.Created);
        var first = smtp.Waiting().ShouldHaveSingleItem();
        first.Subject.ShouldBe("MSP Admin (Acme IT) invited you to Contoso Dental on SecureShare");
        var clients = await admin.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK);
        var resent = await admin.PostAsync($"/api/v1/clients/{clients.GetProperty("items")[0].GetProperty("id").GetGuid()}/admin-invitation", null).ReadJsonAsync(HttpStatusCode.OK);
        resent.GetProperty("email").GetString().ShouldBe(siteAdmin);
        var token = TokenIn(smtp.Waiting().ShouldHaveSingleItem(), "/invite/");
        (await factory.CreateClient().PostAsJsonAsync($"/api/v1/public/invitations/{TokenIn(first, "/invite/")}/accept", new { password = "a long enough password" }))
            .StatusCode.ShouldBe(HttpStatusCode.Gone, "the newer link replaced it");
        await factory.CreateClient().PostAsJsonAsync($"/api/v1/public/invitations/{token}/accept", new { password = "dana's own long password" }).ReadJsonAsync(HttpStatusCode.OK);

        await admin.PostAsync($"/api/v1/clients/{Guid.NewGuid()}/admin-invitation", null).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var clientId = (await admin.GetAsync("/api/v1/clients").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        await admin.PostAsync($"/api/v1/clients/{clientId}/admin-invitation", null).ShouldBeProblemAsync(HttpStatusCode.Conflict); // Dana chose hers

        var login = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = siteAdmin, password = "dana's own long password" }).ReadJsonAsync(HttpStatusCode.OK);
        login.GetProperty("tenantKind").GetString().ShouldBe("Client");
        login.GetProperty("role").GetString().ShouldBe("Admin");
        login.GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_user_added_without_a_password_is_invited_by_email()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var admin = await AdminAsync(factory);
        var email = Api.UniqueEmail("added");

        await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Added", role = "Member" }).ReadJsonAsync(HttpStatusCode.Created);
        smtp.Waiting().ShouldHaveSingleItem().To.Mailboxes.Single().Address.ShouldBe(email);
    }

    [Fact]
    public async Task A_mail_server_that_cannot_be_reached_is_a_503_and_the_invitation_can_be_sent_again()
    {
        int closedPort;
        await using (var gone = await TestSmtpServer.StartAsync())
        {
            closedPort = gone.Port;
        }

        await using var smtp = await TestSmtpServer.StartAsync();
        var msp = await App.SignupMspAsync();
        var email = Api.UniqueEmail("unlucky");
        var settings = new Dictionary<string, string?>(smtp.Settings) { ["Email:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using (var broken = App.CreateFactory(settings))
        {
            var admin = await SignedInAsync(broken, msp.AdminEmail);
            var problem = await admin.PostAsJsonAsync("/api/v1/invitations", new { email, displayName = "Unlucky", role = "Member" }).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("detail").GetString()!.ShouldContain("mail settings");
        }

        // The invitee exists (the transaction committed before the email failed): inviting again sends a new link.
        await using var working = NewFactory(smtp);
        var again = await SignedInAsync(working, msp.AdminEmail);
        await again.PostAsJsonAsync("/api/v1/invitations", new { email, displayName = "Unlucky", role = "Member" }).ReadJsonAsync(HttpStatusCode.Created);
        smtp.Waiting().ShouldHaveSingleItem().To.Mailboxes.Single().Address.ShouldBe(email);
    }

    [Fact]
    public async Task A_password_reset_answers_alike_for_unknown_emails_and_its_link_works_once_ending_every_session()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var msp = await App.SignupMspAsync();
        var anonymous = factory.CreateClient();
        var before = await App.ClientForAsync(msp.AdminEmail);

        var unknown = await anonymous.PostAsJsonAsync("/api/v1/public/password-reset", new { email = Api.UniqueEmail("nobody") });
        var known = await anonymous.PostAsJsonAsync("/api/v1/public/password-reset", new { email = msp.AdminEmail });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await unknown.Content.ReadAsStringAsync()).ShouldBe(await known.Content.ReadAsStringAsync());

        var message = await smtp.NextAsync();
        message.To.Mailboxes.Single().Address.ShouldBe(msp.AdminEmail);
        smtp.Waiting().ShouldBeEmpty("the unknown email got none");
        var token = TokenIn(message, "/reset-password/");
        (message.TextBody ?? "").ShouldNotContain(Api.Password);

        (await anonymous.PostAsJsonAsync($"/api/v1/public/password-reset/{token}", new { password = "a brand new long password" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await before.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "every session ended");
        (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = "a brand new long password" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await anonymous.PostAsJsonAsync($"/api/v1/public/password-reset/{token}", new { password = "yet another long password" }).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_reset_link_never_lifts_a_lockout_earned_at_the_second_factor()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var msp = await App.SignupMspAsync();
        var authenticator = await Authenticator.EnrolAsync(await SignedInAsync(factory, msp.AdminEmail), _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(30));
        var anonymous = factory.CreateClient();
        async Task<string> MfaTokenAsync(string password) =>
            (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password }).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("mfaToken").GetString()!;
        for (var i = 0; i < 5; i++)
        {
            (await anonymous.PostAsJsonAsync("/api/v1/auth/mfa", new { mfaToken = await MfaTokenAsync(Api.Password), code = "000000" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await anonymous.PostAsJsonAsync("/api/v1/public/password-reset", new { email = msp.AdminEmail })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = TokenIn(await smtp.NextAsync(), "/reset-password/");
        (await anonymous.PostAsJsonAsync($"/api/v1/public/password-reset/{token}", new { password = "a brand new long password" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = "a brand new long password" });
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "still locked: the reset is no way around the second factor's lockout");
        _clock.Advance(TimeSpan.FromMinutes(16));
        var mfaToken = await MfaTokenAsync("a brand new long password");
        (await anonymous.PostAsJsonAsync("/api/v1/auth/mfa", new { mfaToken, code = authenticator.CodeAt(_clock.GetUtcNow()) })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reset_link_ends_after_30_minutes()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var factory = NewFactory(smtp);
        var msp = await App.SignupMspAsync();
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/public/password-reset", new { email = msp.AdminEmail })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = TokenIn(await smtp.NextAsync(), "/reset-password/");

        _clock.Advance(TimeSpan.FromMinutes(31));
        await factory.CreateClient().PostAsJsonAsync($"/api/v1/public/password-reset/{token}", new { password = "a brand new long password" }).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Without_a_mail_server_messages_go_to_the_pickup_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"secureshare-outbox-{Guid.NewGuid():N}");
        try
        {
            await using var factory = App.CreateFactory(new Dictionary<string, string?> { ["Email:PickupDirectory"] = folder });
            var admin = await AdminAsync(factory);
            await admin.PostAsJsonAsync("/api/v1/invitations", new { email = Api.UniqueEmail("picked"), displayName = "Picked", role = "Member" }).ReadJsonAsync(HttpStatusCode.Created);

            var file = Directory.GetFiles(folder, "*.eml").ShouldHaveSingleItem();
            var message = await MimeMessage.LoadAsync(file);
            TokenIn(message, "/invite/").Length.ShouldBeGreaterThanOrEqualTo(43);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InvitationTests_Sqlite(SqliteApp app) : InvitationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class InvitationTests_Postgres(PostgresApp app) : InvitationTests(app);
