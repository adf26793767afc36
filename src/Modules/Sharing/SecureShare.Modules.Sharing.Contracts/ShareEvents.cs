using Mediator;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>Who in the target tenant sees a shared credential (its Admins always do).</summary>
public sealed record ShareAudience(bool Everyone, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> GroupIds);

/// <summary>Published inside the target tenant's scope: the credential is (still) shared into it, with these terms.</summary>
public sealed record CredentialSharedIn(CredentialListing Listing, string Permission, ShareAudience Audience) : INotification;

/// <summary>Published inside the target tenant's scope: the credential leaves it.</summary>
public sealed record CredentialUnsharedFrom(Guid CredentialId) : INotification;

/// <summary>Published inside the origin tenant's scope: into how many tenants the credential is now shared.</summary>
public sealed record ShareCountChanged(Guid CredentialId, int TenantCount) : INotification;
