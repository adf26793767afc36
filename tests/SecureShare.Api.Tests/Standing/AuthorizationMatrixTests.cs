using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecureShare.Testing;
using Xunit.Abstractions;

namespace SecureShare.Tests.Standing;

/// <summary>
/// The authorization matrix, driven by the Host's own route list: every API route, called by an anonymous
/// caller, a Member, a Technician, another tenant's Admin, a disabled user and a signed-out session, with the
/// caller's own tenant's ids, another tenant's ids and ids nobody has. No caller gets a 2xx its role does not
/// allow; another tenant's object answers exactly as a missing one. A route the Host maps but this table does
/// not name fails the test: a new route enters the matrix with its rule.
/// </summary>
public abstract class AuthorizationMatrixTests(TestApp app, ITestOutputHelper output) : DatabaseTest(app)
{
    /// <summary>The least a caller must be for a route to answer 2xx.</summary>
    public enum Least
    {
        Anyone,
        SignedIn,
        Technician,
        Admin,
    }

    /// <param name="Least">who may get a 2xx</param>
    /// <param name="Body">a body that would succeed were the caller allowed (placeholders from <see cref="TenantObjects"/>)</param>
    /// <param name="OwnSession">the request ends or changes the caller's session: sent on a session of its own</param>
    /// <param name="Capability">the path's token is itself the access (a link recipient's): whoever holds a live one may use it, from any tenant</param>
    public sealed record Rule(Least Least, string? Body = null, bool OwnSession = false, bool Capability = false);

    /// <summary>The body of an upload: sent as multipart/form-data with a small file.</summary>
    public const string FileBody = "@file";

    /// <summary>The body of an import: multipart/form-data with a small CSV export.</summary>
    public const string ImportBody = "@import";

    private const string Share = """{"enabled":true,"audience":{"everyone":true},"permission":"View"}""";

    public static readonly IReadOnlyDictionary<string, Rule> Matrix = new Dictionary<string, Rule>
    {
        ["POST /api/v1/auth/login"] = new(Least.Anyone, """{"email":"nobody-{unique}@x.example","password":"not a password"}"""),
        ["POST /api/v1/auth/mfa"] = new(Least.Anyone, """{"mfaToken":"no-such-token-{unique}","code":"123456"}"""),
        ["POST /api/v1/auth/mfa/passkey/options"] = new(Least.Anyone, """{"mfaToken":"no-such-token-{unique}"}"""),
        ["POST /api/v1/auth/mfa/passkey"] = new(Least.Anyone, """{"mfaToken":"no-such-token-{unique}","credential":{"id":"x"}}"""),
        ["POST /api/v1/public/invitations/{token}/accept"] = new(Least.Anyone, """{"password":"a long enough password"}""", Capability: true),
        ["POST /api/v1/public/password-reset"] = new(Least.Anyone, """{"email":"nobody-{unique}@x.example"}"""),
        ["POST /api/v1/public/password-reset/{token}"] = new(Least.Anyone, """{"password":"a long enough password"}""", Capability: true),
        ["POST /api/v1/signup"] = new(Least.Anyone, """{"mspName":"M {unique}","email":"m-{unique}@x.example","password":"a long enough password","displayName":"M"}"""),
        ["GET /api/v1/public/links/{token}"] = new(Least.Anyone, Capability: true),
        ["POST /api/v1/public/links/{token}/open"] = new(Least.Anyone, "{}", Capability: true),
        ["GET /api/v1/public/links/{token}/files/{fileId}"] = new(Least.Anyone, Capability: true),
        ["GET /api/v1/audit/signing-key"] = new(Least.Anyone),

        ["POST /api/v1/auth/logout"] = new(Least.SignedIn, OwnSession: true),
        ["DELETE /api/v1/me/sessions"] = new(Least.SignedIn, OwnSession: true),
        ["DELETE /api/v1/me/sessions/{id}"] = new(Least.SignedIn, OwnSession: true),
        ["GET /api/v1/me/sessions"] = new(Least.SignedIn),
        ["PUT /api/v1/me/password"] = new(Least.SignedIn, """{"currentPassword":"not the current one","newPassword":"another long password"}"""),
        ["GET /api/v1/me"] = new(Least.SignedIn),
        ["GET /api/v1/jobs/{id}"] = new(Least.SignedIn),
        ["GET /api/v1/me/mfa"] = new(Least.SignedIn),
        ["GET /api/v1/api-keys"] = new(Least.SignedIn),
        ["POST /api/v1/api-keys"] = new(Least.SignedIn, """{"name":"Key {unique}","readOnly":true}"""),
        ["DELETE /api/v1/api-keys/{id}"] = new(Least.SignedIn),
        ["POST /api/v1/me/mfa/totp"] = new(Least.SignedIn),
        ["POST /api/v1/me/mfa/totp/confirm"] = new(Least.SignedIn, """{"code":"000000"}"""),
        ["DELETE /api/v1/me/mfa/totp"] = new(Least.SignedIn),
        ["POST /api/v1/me/mfa/recovery-codes"] = new(Least.SignedIn),
        ["POST /api/v1/me/mfa/passkeys/options"] = new(Least.SignedIn),
        ["POST /api/v1/me/mfa/passkeys"] = new(Least.SignedIn, """{"name":"Matrix","credential":{"id":"x"}}"""),
        ["DELETE /api/v1/me/mfa/passkeys/{id}"] = new(Least.SignedIn),
        ["GET /api/v1/clients"] = new(Least.SignedIn),
        ["GET /api/v1/credentials"] = new(Least.SignedIn),
        ["GET /api/v1/credentials/{id}"] = new(Least.SignedIn),
        ["GET /api/v1/credentials/{id}/secret"] = new(Least.SignedIn),
        ["GET /api/v1/credentials/{id}/versions"] = new(Least.SignedIn),
        ["GET /api/v1/credentials/{id}/links"] = new(Least.SignedIn),
        ["GET /api/v1/credentials/{id}/attachments"] = new(Least.SignedIn),
        ["GET /api/v1/credentials/{id}/attachments/{attachmentId}/content"] = new(Least.SignedIn),
        ["GET /api/v1/folders"] = new(Least.SignedIn),
        ["GET /api/v1/links/policy"] = new(Least.SignedIn),

        ["POST /api/v1/credentials"] = new(Least.Technician, """{"kind":"Password","name":"New {unique}","secret":"s"}"""),
        ["POST /api/v1/credentials/import"] = new(Least.Technician, """{"credentials":[{"kind":"Password","name":"Imported {unique}","secret":"s"}]}"""),
        ["PATCH /api/v1/credentials/{id}"] = new(Least.Technician, """{"name":"Renamed {unique}"}"""),
        ["POST /api/v1/credentials/{id}/attachments"] = new(Least.Technician, FileBody),
        ["PUT /api/v1/credentials/{id}/attachments/{attachmentId}"] = new(Least.Technician, FileBody),
        ["DELETE /api/v1/credentials/{id}/attachments/{attachmentId}"] = new(Least.Technician),
        ["DELETE /api/v1/credentials/{id}"] = new(Least.Technician),
        ["GET /api/v1/credentials/{id}/access"] = new(Least.Technician),
        ["GET /api/v1/credentials/{id}/shares"] = new(Least.Technician),
        ["PUT /api/v1/credentials/{id}/shares/{targetTenantId}"] = new(Least.Technician, Share),
        ["POST /api/v1/credentials/{id}/links"] = new(Least.Technician, """{"title":"Matrix","maxViews":1}"""),
        ["GET /api/v1/links"] = new(Least.Technician),
        ["DELETE /api/v1/links/{id}"] = new(Least.Technician),
        ["POST /api/v1/placements/move"] = new(Least.Technician, """{"credentialIds":["{credential}"],"folderId":"{folder}"}"""),
        ["POST /api/v1/shares/bulk"] = new(Least.Technician, """{"credentialIds":["{credential}"],"targetTenantId":"{client}","enabled":true,"audience":{"everyone":true},"permission":"View"}"""),
        ["GET /api/v1/shares/partners"] = new(Least.Technician),
        ["GET /api/v1/shares/partners/{tenantId}/audience"] = new(Least.Technician),
        ["GET /api/v1/groups"] = new(Least.Technician),
        ["GET /api/v1/groups/{id}"] = new(Least.Technician),

        ["POST /api/v1/imports"] = new(Least.Admin, ImportBody),
        ["POST /api/v1/credentials/{id}/transfer"] = new(Least.Admin, """{"toTenantId":"{client}","keepShare":true}"""),
        ["POST /api/v1/exports"] = new(Least.Admin, """{"format":"csv","folderId":"{folder}"}"""),
        ["POST /api/v1/folders"] = new(Least.Admin, """{"name":"Folder {unique}"}"""),
        ["PATCH /api/v1/folders/{id}"] = new(Least.Admin, """{"name":"Renamed {unique}"}"""),
        ["DELETE /api/v1/folders/{id}"] = new(Least.Admin),
        ["PUT /api/v1/folders/{id}/share-rules/{targetTenantId}"] = new(Least.Admin, Share),
        ["GET /api/v1/folders/{id}/share-rules"] = new(Least.Admin),
        ["GET /api/v1/incoming-share-rules"] = new(Least.Admin),
        ["PUT /api/v1/incoming-share-rules/{ruleId}"] = new(Least.Admin, """{"folderId":null}"""),
        ["DELETE /api/v1/incoming-shares/{credentialId}"] = new(Least.Admin),
        ["PUT /api/v1/incoming-shares/{credentialId}/audience"] = new(Least.Admin, """{"everyone":true}"""),
        ["POST /api/v1/shares/revoke"] = new(Least.Admin, """{"targetTenantId":"{client}"}"""),
        ["PUT /api/v1/links/policy"] = new(Least.Admin, """{"maxExpiryMinutes":60}"""),
        ["GET /api/v1/tenant/policy"] = new(Least.Admin),
        ["PUT /api/v1/tenant/policy"] = new(Least.Admin, """{"sessionIdleMinutes":30}"""),
        ["GET /api/v1/tenant/sso"] = new(Least.Admin),
        ["PUT /api/v1/tenant/sso"] = new(Least.Admin, """{"authority":"https://idp.example/","clientId":"matrix","clientSecret":"matrix secret","defaultRole":"Member"}"""),
        ["DELETE /api/v1/tenant/sso"] = new(Least.Admin),
        ["DELETE /api/v1/users/{id}/mfa"] = new(Least.Admin),
        ["DELETE /api/v1/users/{id}/sessions"] = new(Least.Admin),
        ["POST /api/v1/invitations"] = new(Least.Admin, """{"email":"i-{unique}@x.example","displayName":"I","role":"Member"}"""),
        ["POST /api/v1/clients/{id}/admin-invitation"] = new(Least.Admin),
        ["POST /api/v1/clients/{id}/offboard"] = new(Least.Admin, """{"dryRun":true}"""),
        ["GET /api/v1/clients/{id}/audit"] = new(Least.Admin),
        ["GET /api/v1/clients/{id}/handover"] = new(Least.Admin),
        ["POST /api/v1/clients"] = new(Least.Admin, """{"name":"Client {unique}","adminEmail":"c-{unique}@x.example","adminPassword":"a long enough password","adminDisplayName":"C"}"""),
        ["POST /api/v1/groups"] = new(Least.Admin, """{"name":"Group {unique}","memberIds":["{user}"]}"""),
        ["PUT /api/v1/groups/{id}/members"] = new(Least.Admin, """{"memberIds":["{user}"]}"""),
        ["POST /api/v1/users"] = new(Least.Admin, """{"email":"u-{unique}@x.example","displayName":"U","role":"Member","password":"a long enough password"}"""),
        ["GET /api/v1/users"] = new(Least.Admin),
        ["GET /api/v1/users/{id}"] = new(Least.Admin),
        ["PATCH /api/v1/users/{id}"] = new(Least.Admin, """{"displayName":"Renamed"}"""),
        ["GET /api/v1/users/{id}/exposure"] = new(Least.Admin),
        ["POST /api/v1/users/{id}/offboard"] = new(Least.Admin),
        ["GET /api/v1/audit"] = new(Least.Admin),
        ["GET /api/v1/audit/verify"] = new(Least.Admin),
        ["GET /api/v1/audit/export"] = new(Least.Admin),
        ["GET /api/v1/audit/events"] = new(Least.Admin),
        ["GET /api/v1/audit/policy"] = new(Least.Admin),
        ["PUT /api/v1/audit/policy"] = new(Least.Admin, """{"retentionDays":400}"""),
    };

    /// <summary>Which kind of object each route parameter names.</summary>
    private static string PathOf(string pattern) => pattern
        .Replace("/credentials/{id}", "/credentials/{credential}").Replace("/incoming-shares/{credentialId}", "/incoming-shares/{incoming}")
        .Replace("/folders/{id}", "/folders/{folder}").Replace("/groups/{id}", "/groups/{group}").Replace("/users/{id}", "/users/{user}")
        .Replace("/links/{id}", "/links/{link}").Replace("/public/links/{token}", "/public/links/{token}").Replace("/me/sessions/{id}", "/me/sessions/{session}")
        .Replace("/clients/{id}", "/clients/{client}").Replace("/attachments/{attachmentId}", "/attachments/{attachment}").Replace("/files/{fileId}", "/files/{attachment}").Replace("{targetTenantId}", "{client}").Replace("/partners/{tenantId}", "/partners/{client}");

    private sealed record Caller(string Name, Least? Is, Func<Task<HttpClient>> Client);

    [Fact]
    public async Task Every_route_answers_each_caller_as_its_role_allows_and_another_tenants_object_as_a_missing_one()
    {
        HostRoutes.Api(App).ShouldBe(Matrix.Keys.Order(StringComparer.Ordinal).ToList(), "every route the Host maps has a rule here, and every rule a route");

        var victim = await TenantScene.CreateAsync(App);
        var other = await TenantScene.CreateAsync(App);
        var anonymous = App.CreateClient();
        var disabled = await App.ClientForAsync(victim.DisabledEmail);
        await victim.Admin.PatchAsJsonAsync($"/api/v1/users/{await UserIdAsync(disabled)}", new { disabled = true }).ReadJsonAsync(HttpStatusCode.OK);
        var signedOut = await App.ClientForAsync(victim.MemberEmail);
        (await signedOut.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var callers = new List<Caller>
        {
            new("anonymous", null, () => Task.FromResult(anonymous)),
            new("a signed-out session", null, () => Task.FromResult(signedOut)),
            new("a disabled user", null, () => Task.FromResult(disabled)),
            new("another tenant's Admin", Least.Admin, () => App.ClientForAsync(other.Msp.AdminEmail)),
            new("a Member", Least.SignedIn, () => App.ClientForAsync(victim.MemberEmail)),
            new("a Technician", Least.Technician, () => App.ClientForAsync(victim.TechnicianEmail)),
        };

        var failures = new List<string>();
        var requests = 0;
        foreach (var caller in callers)
        {
            var client = await caller.Client();
            var own = caller.Name == "another tenant's Admin" ? other.Objects : victim.Objects;
            var foreign = caller.Name == "another tenant's Admin" ? victim.Objects : other.Objects;
            foreach (var (route, rule) in Matrix)
            {
                var random = TenantObjects.Random();
                var answers = new Dictionary<string, HttpResponseMessage>();
                foreach (var (which, ids) in new[] { ("foreign", foreign), ("random", random), ("own", own) })
                {
                    var sender = rule.OwnSession && caller.Is is not null ? await caller.Client() : client;
                    answers[which] = await SendAsync(sender, route, rule, ids);
                    requests++;
                    var status = (int)answers[which].StatusCode;
                    if (caller.Is is null && rule.Least != Least.Anyone && status != 401)
                    {
                        failures.Add($"{route} by {caller.Name} ({which} ids): {status}, not 401");
                    }
                    else if (status is >= 200 and < 300 && rule.Least != Least.Anyone && (caller.Is is not { } role || role < rule.Least))
                    {
                        failures.Add($"{route} by {caller.Name} ({which} ids): {status}, a role below {rule.Least}");
                    }
                }

                if (caller.Is is not null && route.Contains('{') && !rule.Capability)
                {
                    var foreignAnswer = await HostRoutes.NormalizedAsync(answers["foreign"], foreign.Texts());
                    var missingAnswer = await HostRoutes.NormalizedAsync(answers["random"], random.Texts());
                    if (foreignAnswer != missingAnswer)
                    {
                        failures.Add($"{route} by {caller.Name}: another tenant's object answers «{Cut(foreignAnswer)}», a missing one «{Cut(missingAnswer)}»");
                    }
                }
            }
        }

        output.WriteLine($"authorization matrix: {Matrix.Count} routes × {callers.Count} callers × 3 kinds of id = {requests} requests");
        failures.ShouldBeEmpty();
    }

    private static string Cut(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private static async Task<Guid> UserIdAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK)).GetProperty("userId").GetGuid();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string route, Rule rule, TenantObjects ids)
    {
        var space = route.IndexOf(' ');
        var request = new HttpRequestMessage(new HttpMethod(route[..space]), ids.Fill(PathOf(route[(space + 1)..])));
        if (rule.Body == FileBody)
        {
            request.Content = Files.Form("matrix.txt", "a file"u8.ToArray());
        }
        else if (rule.Body == ImportBody)
        {
            request.Content = Files.Form("export.csv", Encoding.UTF8.GetBytes(ids.Fill("name,password\nImported {unique},secret\n")));
        }
        else if (rule.Body is { } body)
        {
            request.Content = new StringContent(ids.Fill(body), Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixTests_Sqlite(SqliteApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationMatrixTests_Postgres(PostgresApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);
