namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>What happened (or, in a preview, would happen) to one credential of a share request.</summary>
public sealed record ShareItemResult(Guid CredentialId, string Outcome, string? Reason = null);

/// <summary>A user of the target tenant who would gain or lose access, and to how many of the credentials.</summary>
public sealed record AccessChange(Guid UserId, string DisplayName, int Credentials);

public sealed record AccessChanges(IReadOnlyList<AccessChange> Gaining, IReadOnlyList<AccessChange> Losing);
