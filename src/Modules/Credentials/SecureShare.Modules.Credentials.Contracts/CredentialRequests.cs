using Mediator;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>The listing of a credential of the ambient tenant (its origin), or null.</summary>
public sealed record GetCredentialListing(Guid CredentialId) : IQuery<CredentialListing?>;

/// <summary>Flags a credential of the ambient tenant as needing rotation (a share that exposed it ended).</summary>
public sealed record FlagNeedsRotation(Guid CredentialId) : ICommand<bool>;
