using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using SecureShare.Client;
using SecureShare.Client.Models;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// An MSP's automation generates its client from docs/openapi.json (here with Kiota, at build time) and runs the
/// seed scenario with it: what the document promises, the generated code can do, and every exchange it makes is held
/// to the document as well (<see cref="ContractCheck"/>).
/// </summary>
public abstract class GeneratedClientTests(TestApp app) : DatabaseTest(app)
{
    private SecureShareClient ClientFor(string? token = null)
    {
        var http = token is null ? App.CreateClient() : App.ClientWithToken(token);
        return new SecureShareClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        });
    }

    private async Task<SecureShareClient> SignInAsync(string email, string password)
    {
        var login = await ClientFor().Api.V1.Auth.Login.PostAsync(new LoginBody { Email = email, Password = password });
        login!.AccessToken.ShouldNotBeNullOrEmpty();
        return ClientFor(login.AccessToken);
    }

    [Fact]
    public async Task The_seed_scenario_runs_through_a_client_generated_from_the_published_document()
    {
        // An MSP signs up and signs in.
        var mspEmail = Api.UniqueEmail("msp-admin");
        var signup = await ClientFor().Api.V1.Signup.PostAsync(new SignupCommand { MspName = "Generated IT", Email = mspEmail, Password = Api.Password, DisplayName = "MSP Admin" });
        signup!.Status.ShouldNotBeNullOrEmpty();
        var msp = await SignInAsync(mspEmail, Api.Password);
        (await msp.Api.V1.Me.GetAsync())!.TenantKind.ShouldBe(TenantKind.Msp);

        // It makes a client tenant with its site admin, and stores the client's router password.
        var siteAdminEmail = Api.UniqueEmail("site-admin");
        var client = await msp.Api.V1.Clients.PostAsync(new CreateClientCommand
        {
            Name = "Acme Dental", AdminEmail = siteAdminEmail, AdminPassword = Api.OneTimePassword, AdminDisplayName = "Site Admin",
        });
        var router = await msp.Api.V1.Credentials.PostAsync(new CreateCredentialCommand
        {
            Kind = CredentialKind.Password, Name = "Acme router", Username = "admin", Secret = "router-secret-1",
        });

        // It shares the password with the client, for everyone there, to view.
        var share = await msp.Api.V1.Credentials[router!.Id!.Value].Shares[client!.Id!.Value].PutAsync(new PutShareBody
        {
            Enabled = true, Permission = SharePermission.View, Audience = new AudienceBody { Everyone = true },
        });
        share!.Share.ShouldNotBeNull();

        // The site admin replaces the one-time password at first sign-in, then sees and reveals the shared password.
        var firstSession = await SignInAsync(siteAdminEmail, Api.OneTimePassword);
        await firstSession.Api.V1.Me.Password.PutAsync(new ChangePasswordCommand { CurrentPassword = Api.OneTimePassword, NewPassword = Api.Password });
        var site = await SignInAsync(siteAdminEmail, Api.Password);
        var incoming = await site.Api.V1.Credentials.GetAsync(r => r.QueryParameters.Sharing = "in");
        incoming!.Items!.Select(i => i.Id).ShouldBe([router.Id]);
        (await site.Api.V1.Credentials[router.Id.Value].Secret.GetAsync())!.Secret.ShouldBe("router-secret-1");

        // The MSP stops sharing: the client no longer finds it, and the problem comes back typed.
        await msp.Api.V1.Credentials[router.Id.Value].Shares[client.Id.Value].PutAsync(new PutShareBody { Enabled = false });
        var gone = await Should.ThrowAsync<ProblemDetails>(() => site.Api.V1.Credentials[router.Id.Value].GetAsync());
        gone.ResponseStatusCode.ShouldBe(404);
        gone.Status.ShouldBe(404);

        // Both logs tell the story.
        var mspLog = await msp.Api.V1.Audit.GetAsync(r => r.QueryParameters.CredentialId = router.Id);
        mspLog!.Items!.Select(e => e.Type).ShouldBe(["share.stopped", "credential.revealed", "share.created", "credential.created"], ignoreOrder: true);
        var siteLog = await site.Api.V1.Audit.GetAsync(r => r.QueryParameters.CredentialId = router.Id);
        siteLog!.Items!.Select(e => e.Type).ShouldContain("share.received");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GeneratedClientTests_Sqlite(SqliteApp app) : GeneratedClientTests(app);

[Collection(PostgresCollection.Name)]
public sealed class GeneratedClientTests_Postgres(PostgresApp app) : GeneratedClientTests(app);
