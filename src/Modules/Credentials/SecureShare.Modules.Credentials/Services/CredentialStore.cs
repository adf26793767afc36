using System.Text.Json;
using FluentValidation;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>A credential the caller may see, its entry in the caller's tenant, and the context of its origin.</summary>
internal sealed record VisibleCredential(Credential Credential, VisibleEntry Entry, CredentialsDbContext Owner);

/// <summary>Field names bound into each ciphertext's associated data.</summary>
internal static class SecretFields
{
    public const string Secret = "secret";
    public const string Notes = "notes";
    public const string TotpSeed = "totp";

    public static string Custom(Guid fieldId) => $"custom/{fieldId:N}";

    public static string Version(int version) => $"version/{version}";
}

/// <summary>Loading, showing and encrypting credentials: what every credential feature shares.</summary>
internal static class CredentialStore
{
    /// <summary>
    /// The origin's tenant scope, for writing through the origin's context a credential shared in (a target with Edit);
    /// nothing to begin when the caller's tenant is the origin.
    /// </summary>
    public static IDisposable? InOrigin(this VisibleCredential visible) =>
        visible.Owner.Tenant!.Id == TenantContext.Current?.Id ? null : TenantContext.Begin(visible.Owner.Tenant);

    /// <summary>Deleting is the owning tenant's alone; a share, even with Edit, never lets a target delete.</summary>
    public static void RequireOrigin(this VisibleCredential visible, SessionPrincipal caller)
    {
        if (visible.Credential.TenantId != caller.Tenant.Id)
        {
            throw new ForbiddenException("Only the tenant that owns this credential may delete it.");
        }
    }

    /// <summary>Changing is the owning tenant's, or a target tenant's when its share grants Edit (<see cref="EffectivePermission"/>).</summary>
    public static void RequireEdit(this VisibleCredential visible, SessionPrincipal caller)
    {
        if (visible.Entry.Permission.For(caller.Role) != SharePermission.Edit)
        {
            throw new ForbiddenException("This credential is shared with your tenant for viewing only; its owner may change it.");
        }
    }

    public static CredentialListing ToListing(this Credential c, string originTenantName) =>
        Listing(c.Id, c.Kind, c.Name, c.Username, c.Url, c.Tags.Select(t => t.Tag), c.NeedsRotation, c.UpdatedAt, c.TenantId, originTenantName);

    /// <summary>What other tenants' entries show of a credential: no secret values; tags in display order.</summary>
    public static CredentialListing Listing(
        Guid id, CredentialKind kind, string name, string? username, string? url, IEnumerable<string> tags, bool needsRotation,
        DateTimeOffset updatedAt, Guid originTenantId, string originTenantName) =>
        new(id, kind, name, username, url, tags.Order(StringComparer.OrdinalIgnoreCase).ToList(), needsRotation, updatedAt, originTenantId, originTenantName);

    public static CredentialDto ToDto(this Credential c, SessionPrincipal caller, VisibleEntry entry) => new(
        c.Id,
        c.Kind,
        c.Name,
        c.Description,
        c.Username,
        c.Url,
        c.Tags.Select(t => t.Tag).Order(StringComparer.OrdinalIgnoreCase).ToList(),
        entry.FolderId,
        new OriginDto(c.TenantId, entry.OriginTenantName),
        new SharingDto(entry.SharingState, entry.SharedTenantCount),
        entry.Permission.For(caller.Role),
        c.NeedsRotation,
        c.TotpSeedCipher is not null,
        c.CustomFields.OrderBy(f => f.Position).Select(f => new CustomFieldDto(f.Name, f.IsSecret, f.IsSecret ? null : f.Value)).ToList(),
        c.CreatedAt,
        c.UpdatedAt);

    public static byte[]? Encrypt(DataKey key, Guid credentialId, string field, string? value) =>
        string.IsNullOrEmpty(value) ? null : Envelope.Encrypt(key, credentialId, field, value);

    public static string? Decrypt(DataKey key, Guid credentialId, string field, byte[]? cipher) =>
        cipher is null ? null : Envelope.Decrypt(key, credentialId, field, cipher);

    public static SecretDto Reveal(this Credential c, DataKey key) => new(
        Decrypt(key, c.Id, SecretFields.Secret, c.SecretCipher),
        Decrypt(key, c.Id, SecretFields.Notes, c.NotesCipher),
        Decrypt(key, c.Id, SecretFields.TotpSeed, c.TotpSeedCipher),
        c.CustomFields.OrderBy(f => f.Position)
            .Select(f => new CustomFieldDto(f.Name, f.IsSecret, f.IsSecret ? Decrypt(key, c.Id, SecretFields.Custom(f.Id), f.ValueCipher) : f.Value))
            .ToList());

    /// <summary>A new credential of the tenant whose data key is <paramref name="key"/>, its secret values encrypted.</summary>
    public static Credential NewCredential(DataKey key, CredentialKind kind, ICredentialFields fields, Guid createdBy, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new Credential
        {
            Id = id,
            Kind = kind,
            Name = fields.Name!,
            Description = CreateCredential.NullIfEmpty(fields.Description),
            Username = CreateCredential.NullIfEmpty(fields.Username),
            Url = CreateCredential.NullIfEmpty(fields.Url),
            SecretCipher = Encrypt(key, id, SecretFields.Secret, fields.Secret),
            NotesCipher = Encrypt(key, id, SecretFields.Notes, fields.Notes),
            TotpSeedCipher = Encrypt(key, id, SecretFields.TotpSeed, CreateCredential.NormalizeTotp(fields.TotpSeed)),
            CreatedByUserId = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
            SecretChangedAt = now,
            SecretChangedByUserId = createdBy,
            Tags = ToTags(id, fields.Tags),
            CustomFields = ToCustomFields(key, id, fields.CustomFields),
        };
    }

    public static List<CredentialTag> ToTags(Guid credentialId, IReadOnlyList<string>? tags) =>
        (tags ?? []).Select(t => t.Trim()).DistinctBy(t => t.ToUpperInvariant())
            .Select(t => new CredentialTag { CredentialId = credentialId, Tag = t, NormalizedTag = t.ToUpperInvariant() })
            .ToList();

    public static List<CustomField> ToCustomFields(DataKey key, Guid credentialId, IReadOnlyList<CustomFieldInput>? fields) =>
        (fields ?? []).Select((f, i) =>
        {
            var id = Guid.CreateVersion7();
            return new CustomField
            {
                Id = id,
                CredentialId = credentialId,
                Position = i,
                Name = f.Name!,
                IsSecret = f.Secret,
                Value = f.Secret ? null : f.Value ?? string.Empty,
                ValueCipher = f.Secret ? Envelope.Encrypt(key, credentialId, SecretFields.Custom(id), f.Value ?? string.Empty) : null,
            };
        }).ToList();

    /// <summary>A secret state as one JSON value, for comparing and for keeping as a version.</summary>
    public static string Serialize(this SecretDto secret) =>
        JsonSerializer.Serialize(secret with { CustomFields = secret.CustomFields.Where(f => f.Secret).ToList() });
}
