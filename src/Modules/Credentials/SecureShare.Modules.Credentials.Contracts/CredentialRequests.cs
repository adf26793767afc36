using Mediator;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>The listings of those of these credentials that belong to the ambient tenant (their origin), in one query.</summary>
public sealed record GetCredentialListings(IReadOnlyCollection<Guid> CredentialIds) : IQuery<IReadOnlyList<CredentialListing>>;

/// <summary>The names of those of these credentials that belong to the ambient tenant, by id, in one query (for audit events).</summary>
public sealed record GetCredentialNames(IReadOnlyCollection<Guid> CredentialIds) : IQuery<IReadOnlyDictionary<Guid, string>>;

/// <summary>Flags credentials of the ambient tenant as needing rotation (a share that exposed them ended), in one statement.</summary>
public sealed record FlagNeedsRotation(IReadOnlyCollection<Guid> CredentialIds) : ICommand<int>;

/// <summary>
/// Revokes the ambient tenant's live link shares, of these credentials or (null) all of them, in one
/// statement, each audited as revoked; part of revocation by scope. Returns how many were revoked.
/// </summary>
public sealed record RevokeLinkShares(IReadOnlyCollection<Guid>? CredentialIds, string Reason) : ICommand<int>;

/// <summary>Revokes the live link shares this user made in the ambient tenant (they are leaving); each audited. Returns how many.</summary>
public sealed record RevokeUserLinks(Guid UserId, string Reason) : ICommand<int>;

/// <summary>
/// Flags every credential this user could still know the secret of (read since its secret last changed) as needing
/// rotation, each in its origin tenant and audited there, across the ambient tenant's family. Returns what was flagged.
/// </summary>
public sealed record FlagExposedCredentials(Guid UserId, string UserName, string Reason) : ICommand<IReadOnlyList<ExposedTenant>>;

/// <summary>A credential a user could still know the secret of: when they last read it, and how (audit event types).</summary>
public sealed record ExposedCredential(Guid CredentialId, string Name, DateTimeOffset LastReadAt, IReadOnlyList<string> Reads, bool NeedsRotation);

/// <summary>The exposed credentials of one origin tenant.</summary>
public sealed record ExposedTenant(Guid TenantId, string TenantName, IReadOnlyList<ExposedCredential> Credentials);

/// <summary>
/// Encrypts a secret of another module (a TOTP seed of a user) under the ambient tenant's data key, bound to that
/// object and field: a ciphertext moved to another tenant, object or field fails to decrypt. Secrets of every module
/// thereby follow one key: master-key rotation rewraps them with the rest, and a tenant's deletion shreds them.
/// </summary>
public sealed record SealTenantSecret(Guid ObjectId, string Field, string Plaintext) : ICommand<byte[]>
{
    public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
}

/// <summary>Decrypts what <see cref="SealTenantSecret"/> made for the same object and field of the ambient tenant.</summary>
public sealed record OpenTenantSecret(Guid ObjectId, string Field, byte[] Ciphertext) : IQuery<string>
{
    public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
}
