using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Accounts.Features.ApiKeys;

/// <summary>An API key as listed: never the key itself, only its first characters (<c>hint</c>).</summary>
public sealed record ApiKeyDto(
    Guid Id, string Name, string Hint, Guid? OwnerUserId, UserRole Role, bool ReadOnly, IReadOnlyList<string> AllowedIps,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string? LastUsedIp);
