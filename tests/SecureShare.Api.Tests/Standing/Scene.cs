using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureShare.Testing;

namespace SecureShare.Tests.Standing;

/// <summary>
/// One tenant's objects of every kind a route names, to put in its path and body: a credential of its own, one
/// shared in by its client, a folder, a group, a user, a link (its management id and recipient token), a
/// session, the client tenant it shares with, and a file attached to its credential.
/// </summary>
public sealed record TenantObjects(
    Guid Credential, Guid Incoming, Guid Folder, Guid Group, Guid User, Guid Link, string LinkToken, Guid Session, Guid Client, Guid Attachment)
{
    /// <summary>Ids nobody has: the "missing" answer every foreign id must match.</summary>
    public static TenantObjects Random() => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    /// <summary>A route or body template with its {kind} placeholders filled from these objects.</summary>
    public string Fill(string template) => template
        .Replace("{credential}", Credential.ToString()).Replace("{incoming}", Incoming.ToString()).Replace("{folder}", Folder.ToString())
        .Replace("{group}", Group.ToString()).Replace("{user}", User.ToString()).Replace("{link}", Link.ToString())
        .Replace("{token}", LinkToken).Replace("{session}", Session.ToString()).Replace("{client}", Client.ToString()).Replace("{attachment}", Attachment.ToString())
        .Replace("{unique}", Guid.NewGuid().ToString("N"));

    /// <summary>The ids as they appear in answers, for comparing a foreign id's answer with a missing one's.</summary>
    public IEnumerable<string> Texts() =>
        [Credential.ToString(), Incoming.ToString(), Folder.ToString(), Group.ToString(), User.ToString(), Link.ToString(), LinkToken, Session.ToString(), Client.ToString(), Attachment.ToString()];
}

/// <summary>An MSP with its client, its people in every role, and objects of every kind.</summary>
public sealed record TenantScene(Msp Msp, HttpClient Admin, string TechnicianEmail, string MemberEmail, string DisabledEmail, TenantObjects Objects)
{
    public static async Task<TenantScene> CreateAsync(TestApp app)
    {
        var msp = await app.SignupMspAsync();
        var admin = await app.ClientForAsync(msp.AdminEmail);
        var (clientId, site, _) = await app.CreateClientTenantAsync(admin);
        string technician = Api.UniqueEmail("tech"), member = Api.UniqueEmail("member"), disabled = Api.UniqueEmail("disabled");
        await admin.CreateUserAsync(technician, "Technician");
        var memberId = await admin.CreateUserAsync(member, "Member");
        await admin.CreateUserAsync(disabled, "Member");

        var credential = await IdAsync(admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Core switch", username = "admin", secret = "switch-secret" }));
        var incoming = await IdAsync(site.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Site NAS", secret = "nas-secret" }));
        await site.PutAsJsonAsync($"/api/v1/credentials/{incoming}/shares/{msp.TenantId}", new { enabled = true, audience = new { everyone = true }, permission = "Manage" })
            .ReadJsonAsync(HttpStatusCode.OK);
        var folder = await IdAsync(admin.PostAsJsonAsync("/api/v1/folders", new { name = "Network" }));
        var group = await IdAsync(admin.PostAsJsonAsync("/api/v1/groups", new { name = "Engineers", memberIds = new[] { memberId } }));
        var link = await admin.PostAsJsonAsync($"/api/v1/credentials/{credential}/links", new { title = "For the electrician", maxViews = 100 }).ReadJsonAsync(HttpStatusCode.Created);
        var spare = await app.ClientForAsync(msp.AdminEmail);
        var session = (await spare.GetAsync("/api/v1/me/sessions").ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        var attachment = await IdAsync(admin.PostAsync($"/api/v1/credentials/{credential}/attachments", Files.Form("switch.cfg", "hostname core-switch"u8.ToArray())));
        var objects = new TenantObjects(
            credential, incoming, folder, group, memberId, link.GetProperty("id").GetGuid(), new Uri(link.GetProperty("url").GetString()!).AbsolutePath[3..], session, clientId,
            attachment);
        return new TenantScene(msp, admin, technician, member, disabled, objects);
    }

    private static async Task<Guid> IdAsync(Task<HttpResponseMessage> created) => (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
}

/// <summary>The API routes the Host itself maps (method and pattern), as the matrix and the fuzzer take them.</summary>
public static class HostRoutes
{
    public static IReadOnlyList<string> Api(TestApp app) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>(app.Services)
            .Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>An answer with the given ids written as {id}, and nothing that differs between any two requests.</summary>
    public static async Task<string> NormalizedAsync(HttpResponseMessage response, IEnumerable<string> ids)
    {
        var text = await response.Content.ReadAsStringAsync();
        foreach (var id in ids)
        {
            text = text.Replace(id, "{id}", StringComparison.OrdinalIgnoreCase);
        }

        text = System.Text.RegularExpressions.Regex.Replace(text, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");
        return $"{(int)response.StatusCode} {text}";
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
