using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features.Credentials;

public sealed record CustomFieldInput(string? Name, string? Value, bool Secret)
{
    public override string ToString() => Redacted.Text;
}

public sealed record CustomFieldDto(string Name, bool Secret, string? Value)
{
    public override string ToString() => Redacted.Text;
}

public sealed record OriginDto(Guid TenantId, string TenantName);

public sealed record SharingDto(SharingState State, int TenantCount);

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
    SharePermission Permission,
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
