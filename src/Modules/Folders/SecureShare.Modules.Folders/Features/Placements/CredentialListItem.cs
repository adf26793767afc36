using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Folders.Features.Placements;

public sealed record ListOrigin(Guid TenantId, string TenantName);

public sealed record ListSharing(SharingState State, int TenantCount);

public sealed record CredentialListItem(
    Guid Id,
    CredentialKind Kind,
    string Name,
    string? Username,
    string? Url,
    IReadOnlyList<string> Tags,
    Guid? FolderId,
    ListOrigin Origin,
    ListSharing Sharing,
    SharePermission Permission,
    bool NeedsRotation,
    DateTimeOffset UpdatedAt);
