using Mediator;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>What a list shows of a credential (never a secret).</summary>
public sealed record CredentialListing(
    Guid CredentialId,
    CredentialKind Kind,
    string Name,
    string? Username,
    string? Url,
    IReadOnlyList<string> Tags,
    bool NeedsRotation,
    DateTimeOffset UpdatedAt,
    Guid OriginTenantId,
    string OriginTenantName);

/// <summary>Published in the creating transaction, in the origin tenant: place it (FolderId null = root).</summary>
public sealed record CredentialCreated(CredentialListing Listing, Guid? FolderId) : INotification;

/// <summary>Published when listing fields change, so every tenant's entry follows in the same transaction.</summary>
public sealed record CredentialChanged(CredentialListing Listing) : INotification;

/// <summary>Published when the origin deletes a credential.</summary>
public sealed record CredentialDeleted(Guid CredentialId, string Name) : INotification;

/// <summary>Published in the origin tenant when credentials were flagged as needing rotation, so every entry of them shows it.</summary>
public sealed record CredentialsNeedRotation(IReadOnlyCollection<Guid> CredentialIds) : INotification;

/// <summary>Published in the importing transaction, in the origin tenant: place each (FolderId null = root).</summary>
public sealed record CredentialsImported(IReadOnlyList<ImportedCredential> Credentials) : INotification;

/// <summary>An imported credential and the folder it goes in (null = root).</summary>
public sealed record ImportedCredential(CredentialListing Listing, Guid? FolderId);
