using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Folders.Domain;

/// <summary>
/// A credential as one tenant sees it: its placement in this tenant's tree (null = root) and the
/// listing fields, kept current in the transaction of every change. The list view reads only this.
/// </summary>
internal sealed class CredentialEntry : ITenantOwned
{
    public Guid CredentialId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }

    public Guid? FolderId { get; set; }

    public CredentialKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Name, username and URL in upper case: what free-text search reads.</summary>
    public required string SearchText { get; set; }

    /// <summary>The sort key: normalized name, then id, so keyset paging is exact.</summary>
    public required string SortKey { get; set; }

    public string? Username { get; set; }

    public string? Url { get; set; }

    public Guid OriginTenantId { get; set; }

    public required string OriginTenantName { get; set; }

    public SharingState SharingState { get; set; }

    public int SharedTenantCount { get; set; }

    public EntryPermission Permission { get; set; }

    public bool NeedsRotation { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The tags as shown, one per line (the CredentialEntryTag rows are what the tag filter reads).</summary>
    public required string TagList { get; set; }

    public List<CredentialEntryTag> Tags { get; init; } = [];

    /// <summary>True for the origin's own entry and for shares to everyone; else only Audience (and Admins) see it.</summary>
    public bool AudienceEveryone { get; set; } = true;

    public List<CredentialEntryAudience> Audience { get; init; } = [];
}

/// <summary>A user or security group of this tenant that a share names as its audience.</summary>
internal sealed class CredentialEntryAudience : ITenantOwned
{
    public Guid CredentialId { get; init; }

    public Guid PrincipalId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

internal sealed class CredentialEntryTag : ITenantOwned
{
    public Guid CredentialId { get; init; }

    public required string Tag { get; init; }

    public required string NormalizedTag { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
