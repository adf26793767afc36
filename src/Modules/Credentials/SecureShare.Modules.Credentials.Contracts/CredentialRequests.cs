using Mediator;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>The listings of those of these credentials that belong to the ambient tenant (their origin), in one query.</summary>
public sealed record GetCredentialListings(IReadOnlyCollection<Guid> CredentialIds) : IQuery<IReadOnlyList<CredentialListing>>;

/// <summary>Flags credentials of the ambient tenant as needing rotation (a share that exposed them ended), in one statement.</summary>
public sealed record FlagNeedsRotation(IReadOnlyCollection<Guid> CredentialIds) : ICommand<int>;

/// <summary>
/// Revokes the ambient tenant's live link shares, of these credentials or (null) all of them, in one
/// statement, each audited as revoked; part of revocation by scope. Returns how many were revoked.
/// </summary>
public sealed record RevokeLinkShares(IReadOnlyCollection<Guid>? CredentialIds, string Reason) : ICommand<int>;
