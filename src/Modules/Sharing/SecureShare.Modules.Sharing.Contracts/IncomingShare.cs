using Mediator;

namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>The terms under which a credential is shared into a tenant: since when, and until when (null: no expiry).</summary>
public sealed record IncomingShareTerms(DateTimeOffset SharedAt, DateTimeOffset? ExpiresAt);

/// <summary>
/// The share that brings a credential of <c>OriginTenantId</c> into the ambient tenant, or null when there
/// is none. What a target may do with a shared-in credential is bounded by it: the versions it may read,
/// and how long a link made of it may live.
/// </summary>
public sealed record FindIncomingShare(Guid CredentialId, Guid OriginTenantId) : IQuery<IncomingShareTerms?>;
