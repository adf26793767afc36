using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Sharing.Features.Shares;

public sealed record AudienceDto(bool Everyone, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> GroupIds);

/// <summary>A share as its origin sees it; <see cref="ByRule"/> when a folder share rule made it (or makes it too).</summary>
public sealed record ShareDto(
    Guid TargetTenantId, string TargetTenantName, AudienceDto Audience, SharePermission Permission, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy,
    bool ByRule = false);

public sealed record ShareResponse(ShareOutcome Outcome, ShareDto? Share, bool NeedsRotation, string? Message);

public sealed record AudienceBody(bool Everyone, IReadOnlyList<Guid>? UserIds, IReadOnlyList<Guid>? GroupIds);
