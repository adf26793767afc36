using Mediator;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>Where a credential stands in the caller's tenant, as the caller may see it.</summary>
public sealed record VisibleEntry(Guid? FolderId, string SharingState, int SharedTenantCount, Guid OriginTenantId, string OriginTenantName, string Permission);

/// <summary>
/// The caller's view of a credential in its tenant, or null when the caller may not see it: no
/// entry in the tenant, or a folder restriction that names none of the caller's groups (Admins
/// see everything of their tenant).
/// </summary>
public sealed record FindVisibleEntry(Guid CredentialId) : IQuery<VisibleEntry?>;
