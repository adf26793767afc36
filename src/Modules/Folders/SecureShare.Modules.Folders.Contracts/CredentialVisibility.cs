using Mediator;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>Where a credential stands in the caller's tenant, as the caller may see it, and its name.</summary>
public sealed record VisibleEntry(
    Guid CredentialId, string Name, Guid? FolderId, SharingState SharingState, int SharedTenantCount, Guid OriginTenantId, string OriginTenantName, EntryPermission Permission,
    bool NeedsRotation = false);

/// <summary>
/// The caller's view of a credential in its tenant, or null when the caller may not see it: no
/// entry in the tenant, or a folder restriction that names none of the caller's groups (Admins
/// see everything of their tenant).
/// </summary>
public sealed record FindVisibleEntry(Guid CredentialId) : IQuery<VisibleEntry?>;

/// <summary>The same for many credentials at once (one query): those the caller may see, in no particular order.</summary>
public sealed record FindVisibleEntries(IReadOnlyCollection<Guid> CredentialIds) : IQuery<IReadOnlyList<VisibleEntry>>;

/// <summary>The credentials of the caller's tenant that need rotation, among those the caller may see (one query).</summary>
public sealed record ListFlaggedEntries : IQuery<IReadOnlyList<Guid>>;

/// <summary>
/// Who in the ambient tenant an entry is for: everyone or the named users and groups, and, when its
/// folder is restricted, the groups the restriction lets in (null: not restricted).
/// </summary>
public sealed record EntryAccess(Guid CredentialId, bool Everyone, IReadOnlyList<Guid> Audience, IReadOnlyList<Guid>? FolderGroups);

/// <summary>The access terms of the ambient tenant's entries of these credentials (one per credential that has an entry there).</summary>
public sealed record GetEntryAccess(IReadOnlyCollection<Guid> CredentialIds) : IQuery<IReadOnlyList<EntryAccess>>;
