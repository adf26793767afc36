using System.Net;
using System.Text.Json;

namespace SecureShare.Testing;

// What the API answers, as typed records for tests to read (API.md's shapes; enums as their wire strings, since the
// tests check the wire). A test reads `await response.ReadAsync<CredentialItem>(HttpStatusCode.OK)`.

public sealed record Created(Guid Id);

public sealed record Me(Guid UserId, string Email, string Role, Guid TenantId);

public sealed record FolderView(Guid Id, string Name, Guid? ParentId, IReadOnlyList<Guid> GroupIds);

public sealed record OriginView(Guid TenantId, string TenantName);

public sealed record SharingView(string State, int TenantCount);

/// <summary>A credential as the list and the single read show it: never a secret.</summary>
public sealed record CredentialItem(
    Guid Id, string Kind, string Name, string? Username, string? Url, IReadOnlyList<string> Tags, Guid? FolderId, OriginView Origin, SharingView Sharing,
    string Permission, bool NeedsRotation, DateTimeOffset UpdatedAt);

public sealed record CustomFieldView(string Name, bool Secret, string? Value);

public sealed record SecretValues(string? Secret, string? Notes, string? TotpSeed, IReadOnlyList<CustomFieldView> CustomFields);

public sealed record ChangedByView(Guid? UserId, string Name);

public sealed record CredentialVersion(int Version, DateTimeOffset ReplacedAt, ChangedByView ChangedBy, SecretValues Values);

public sealed record AudienceView(bool Everyone, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> GroupIds);

public sealed record ShareView(Guid TargetTenantId, string TargetTenantName, AudienceView Audience, string Permission, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>The answer to one share, update or stop.</summary>
public sealed record ShareAnswer(string Outcome, ShareView? Share, bool NeedsRotation, string? Message);

public sealed record ItemOutcome(Guid CredentialId, string Outcome, string? Reason);

public sealed record AccessChangeView(Guid UserId, string DisplayName, int Credentials);

public sealed record AccessChangesView(IReadOnlyList<AccessChangeView> Gaining, IReadOnlyList<AccessChangeView> Losing);

/// <summary>The answer to a bulk share or stop (and to a folder share rule): an outcome per credential, and in a preview who gains or loses access.</summary>
public sealed record BulkAnswer(IReadOnlyList<ItemOutcome> Results, AccessChangesView? AccessChanges);

public sealed record MoveAnswer(IReadOnlyList<ItemOutcome> Results);

public sealed record AccessUserView(Guid UserId, string DisplayName, string Via);

/// <summary>Who can see a credential in one tenant, and why.</summary>
public sealed record TenantAccessView(Guid TenantId, string TenantName, IReadOnlyList<AccessUserView> Users, bool RestrictedByFolder);

public sealed record RevokeAnswer(int Revoked, IReadOnlyList<Guid> CredentialIds);

public sealed record PageOf<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record AuditEvent(Guid Id, DateTimeOffset At, string Type, string Outcome, IReadOnlyDictionary<string, string>? Details);

public static class Answers
{
    /// <summary>Asserts the status (showing the body when it differs) and reads the answer as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await response.ReadJsonAsync(expected);
        return json.Deserialize<T>(Api.Json)!;
    }

    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> response, HttpStatusCode expected) => await (await response).ReadAsync<T>(expected);

    /// <summary>The id of what a POST created (201).</summary>
    public static async Task<Guid> CreatedIdAsync(this Task<HttpResponseMessage> response) => (await response.ReadAsync<Created>(HttpStatusCode.Created)).Id;

    /// <summary>The caller's credential list (one page of up to 500), typed, with extra query parameters.</summary>
    public static async Task<IReadOnlyList<CredentialItem>> CredentialsAsync(this HttpClient client, string query = "") =>
        (await client.GetAsync($"/api/v1/credentials?limit=500{query}").ReadAsync<PageOf<CredentialItem>>(HttpStatusCode.OK)).Items;

    /// <summary>The types of the caller tenant's audit events that match <paramref name="query"/> (<c>type=…&amp;credentialId=…</c>), newest first.</summary>
    public static async Task<IReadOnlyList<string>> AuditTypesAsync(this HttpClient client, string query) =>
        (await client.GetAsync($"/api/v1/audit?limit=500&{query}").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items.Select(e => e.Type).ToList();

    /// <summary>The same for the events about one credential.</summary>
    public static Task<IReadOnlyList<string>> AuditTypesAsync(this HttpClient client, Guid credentialId, string query = "") =>
        client.AuditTypesAsync($"credentialId={credentialId}{query}");

    /// <summary>A credential's secret values, revealed (the reveal is audited).</summary>
    public static Task<SecretValues> RevealAsync(this HttpClient client, Guid id) =>
        client.GetAsync($"/api/v1/credentials/{id}/secret").ReadAsync<SecretValues>(HttpStatusCode.OK);
}

public sealed record SignedHead(long Sequence, string Hash, long StartSequence, string? StartHash, DateTimeOffset SignedAt, string Signature, string KeyId);

public sealed record AuditVerification(bool Valid, long Events, long Unsealed, string? Break, Guid? FirstBrokenEventId, SignedHead? Head);

public sealed record SigningKey(string KeyId, string Algorithm, string PublicKeyPem);

public sealed record FeedEvent(Guid Id, DateTimeOffset At, string Type, string Outcome);

public sealed record FeedItem(long? Sequence, string? Hash, FeedEvent Event);

public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string Cursor, bool HasMore);

public sealed record AuditPolicyAnswer(int RetentionDays);

public sealed record ExposedCredentialView(Guid CredentialId, string Name, DateTimeOffset LastReadAt, IReadOnlyList<string> Reads, bool NeedsRotation);

public sealed record ExposedTenantView(Guid TenantId, string TenantName, IReadOnlyList<ExposedCredentialView> Credentials);

public sealed record ExposureAnswer(Guid UserId, string DisplayName, IReadOnlyList<ExposedTenantView> Tenants);

public sealed record OffboardAnswer(Guid UserId, int LinksRevoked, IReadOnlyList<ExposedTenantView> Flagged);

public sealed record ActorView(Guid? UserId, string Name);

public sealed record AuditEventWithActor(Guid Id, string Type, ActorView Actor, string Outcome = "");

public sealed record AttachmentVersionView(int Version, string Name, long Size, string ContentType, DateTimeOffset ReplacedAt, string ReplacedBy);

/// <summary>A file on a credential: name, size and type only.</summary>
public sealed record AttachmentView(
    Guid Id, string Name, long Size, string ContentType, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<AttachmentVersionView> Versions);
