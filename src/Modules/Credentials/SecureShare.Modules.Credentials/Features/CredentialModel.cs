using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features;

public sealed record CustomFieldInput(string? Name, string? Value, bool Secret)
{
    public override string ToString() => Redacted.Text;
}

public sealed record CustomFieldDto(string Name, bool Secret, string? Value)
{
    public override string ToString() => Redacted.Text;
}

public sealed record OriginDto(Guid TenantId, string TenantName);

public sealed record SharingDto(string State, int TenantCount);

/// <summary>A credential's metadata: never a secret value (secret custom fields show no value).</summary>
public sealed record CredentialDto(
    Guid Id,
    CredentialKind Kind,
    string Name,
    string? Description,
    string? Username,
    string? Url,
    IReadOnlyList<string> Tags,
    Guid? FolderId,
    OriginDto Origin,
    SharingDto Sharing,
    string Permission,
    bool NeedsRotation,
    bool HasTotp,
    IReadOnlyList<CustomFieldDto> CustomFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The secret values of a credential, as revealed.</summary>
public sealed record SecretDto(string? Secret, string? Notes, string? TotpSeed, IReadOnlyList<CustomFieldDto> CustomFields)
{
    public override string ToString() => Redacted.Text;
}

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
    /// <summary>Deleting is the owning tenant's alone; a share, even with Edit, never lets a target delete.</summary>
    public static void RequireOrigin(this VisibleCredential visible, SessionPrincipal caller)
    {
        if (visible.Credential.TenantId != caller.Tenant.Id)
        {
            throw new ForbiddenException("Only the tenant that owns this credential may delete it.");
        }
    }

    /// <summary>Changing is the owning tenant's, or a target tenant's when its share grants Edit.</summary>
    public static void RequireEdit(this VisibleCredential visible, SessionPrincipal caller)
    {
        if (visible.Credential.TenantId != caller.Tenant.Id && visible.Entry.Permission != "Edit")
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
        entry.Permission == "Owner" ? (caller.Role is UserRole.Admin or UserRole.Technician ? "Edit" : "View") : entry.Permission,
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

/// <summary>The fields a create or an update may carry (null: not given).</summary>
public interface ICredentialFields
{
    string? Name { get; }

    string? Description { get; }

    string? Username { get; }

    string? Secret { get; }

    string? Url { get; }

    string? Notes { get; }

    IReadOnlyList<string>? Tags { get; }

    IReadOnlyList<CustomFieldInput>? CustomFields { get; }

    string? TotpSeed { get; }
}

/// <summary>Limits and formats of every credential field, the same for create and update.</summary>
internal sealed class CredentialFieldsValidator : AbstractValidator<ICredentialFields>
{
    public CredentialFieldsValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().When(c => c.Name is not null).WithMessage("Name cannot be empty.")
            .Max(CredentialLimits.Name, "Name");
        RuleFor(c => c.Description).Max(CredentialLimits.Description, "Description");
        RuleFor(c => c.Username).Max(CredentialLimits.Username, "Username");
        RuleFor(c => c.Url).Max(CredentialLimits.Url, "Url");
        RuleFor(c => c.Secret).Max(CredentialLimits.Secret, "Secret");
        RuleFor(c => c.Notes).Max(CredentialLimits.Notes, "Notes");
        RuleFor(c => c.TotpSeed).ValidTotpSeed();
        RuleFor(c => c.Tags).ValidTags();
        RuleFor(c => c.CustomFields).ValidCustomFields();
    }
}

/// <summary>Field rules shared by create and update.</summary>
internal static class CredentialRules
{
    public static void ValidTotpSeed<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .MaximumLength(CredentialLimits.TotpSeed).WithMessage($"totpSeed must be at most {CredentialLimits.TotpSeed} characters.")
            .Must(s => string.IsNullOrEmpty(s) || IsBase32(s)).WithMessage("totpSeed must be a base32 secret (letters A–Z and digits 2–7).");

    public static void ValidTags<T>(this IRuleBuilderInitial<T, IReadOnlyList<string>?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(t => t is null || t.Count <= CredentialLimits.Tags).WithMessage($"At most {CredentialLimits.Tags} tags.")
            .Must(t => t is null || t.All(x => !string.IsNullOrWhiteSpace(x) && x.Trim().Length <= CredentialLimits.Tag && !x.Any(char.IsControl)))
            .WithMessage($"Each tag is 1–{CredentialLimits.Tag} characters, without control characters.");

    public static void ValidCustomFields<T>(this IRuleBuilderInitial<T, IReadOnlyList<CustomFieldInput>?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(f => f is null || f.Count <= CredentialLimits.CustomFields).WithMessage($"At most {CredentialLimits.CustomFields} custom fields.")
            .Must(f => f is null || f.All(x => x is not null && !string.IsNullOrWhiteSpace(x.Name) && x.Name.Length <= CredentialLimits.CustomFieldName))
            .WithMessage($"Each custom field has a name of 1–{CredentialLimits.CustomFieldName} characters.")
            .Must(f => f is null || f.All(x => (x.Value ?? string.Empty).Length <= CredentialLimits.CustomFieldValue))
            .WithMessage($"A custom field value is at most {CredentialLimits.CustomFieldValue} characters.")
            .Must(f => f is null || f.Select(x => x.Name!.Trim().ToUpperInvariant()).Distinct().Count() == f.Count)
            .WithMessage("Custom field names must be unique.");

    public static IRuleBuilderOptions<T, string?> Max<T>(this IRuleBuilder<T, string?> rule, int max, string name) =>
        rule.MaximumLength(max).WithMessage($"{name} must be at most {max} characters.");

    private static bool IsBase32(string seed) =>
        seed.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant() is { Length: >= 8 } s
        && s.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7');
}
