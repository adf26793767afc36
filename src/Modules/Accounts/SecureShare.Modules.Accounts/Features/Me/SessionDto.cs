using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>A session of the caller's, as its owner sees it (never a token).</summary>
public sealed record SessionDto(
    Guid Id, SessionKind Kind, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? Ip, string? UserAgent, bool Current);
