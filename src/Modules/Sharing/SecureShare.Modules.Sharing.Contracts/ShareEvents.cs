using Mediator;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>Who in the target tenant sees a shared credential (its Admins always do).</summary>
public sealed record ShareAudience(bool Everyone, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> GroupIds)
{
    public IEnumerable<Guid> Principals => UserIds.Concat(GroupIds).Distinct();
}

/// <summary>
/// Published inside the target tenant's scope: these credentials are now shared into it, with these terms; they arrive at
/// its top, or in <paramref name="FolderId"/> (a folder of the target's that its Admins chose for a folder share rule).
/// </summary>
public sealed record CredentialsSharedIn(IReadOnlyList<CredentialListing> Listings, SharePermission Permission, ShareAudience Audience, Guid? FolderId = null) : INotification;

/// <summary>Published inside the target tenant's scope: the terms of these credentials' shares into it changed.</summary>
public sealed record ShareTermsChanged(IReadOnlyCollection<Guid> CredentialIds, SharePermission Permission, ShareAudience Audience) : INotification;

/// <summary>Published inside the target tenant's scope: these credentials leave it.</summary>
public sealed record CredentialsUnsharedFrom(IReadOnlyCollection<Guid> CredentialIds) : INotification;

/// <summary>Published inside the origin tenant's scope: each of these credentials is now shared into <c>Delta</c> more (or fewer) tenants.</summary>
public sealed record ShareCountsChanged(IReadOnlyCollection<Guid> CredentialIds, int Delta) : INotification;
