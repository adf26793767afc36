using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// Loads a credential the caller may see (else 404, whether it is missing, foreign, behind a folder
/// restriction or outside a share's audience), with where it stands in the caller's tenant. A
/// shared-in credential is read, and later decrypted, through a context of its origin tenant: the
/// caller's own entry for it is what vouches for that cross-tenant read.
/// </summary>
internal sealed class VisibleCredentials(
    CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, ITenantStore tenants, ISender mediator)
{
    /// <summary>The credential with its tags and custom fields.</summary>
    public async Task<VisibleCredential> LoadAsync(Guid id, CancellationToken ct)
    {
        var (entry, owner) = await FindAsync(id, ct);
        var credential = await owner.Credentials.Include(c => c.Tags).Include(c => c.CustomFields).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Credential");
        return new VisibleCredential(credential, entry, owner);
    }

    /// <summary>
    /// What a reveal needs, in one query: the credential's ciphertexts (with its custom fields, no tags)
    /// and its tenant's wrapped data key, opened through <paramref name="keys"/>.
    /// </summary>
    public async Task<(Credential Credential, DataKey Key, CredentialsDbContext Owner)> LoadSecretsAsync(Guid id, TenantKeys keys, CancellationToken ct)
    {
        var (_, owner) = await FindAsync(id, ct);
        var row = await owner.Credentials.AsNoTracking().Include(c => c.CustomFields).AsSingleQuery()
            .Where(c => c.Id == id)
            .Select(c => new { Credential = c, Key = owner.DataKeys.FirstOrDefault(k => k.TenantId == c.TenantId) })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Credential");
        return (row.Credential, await keys.ForAsync(owner, row.Key, ct), owner);
    }

    /// <summary>The caller's entry for a credential it may see: enough to know it is visible, without reading the credential.</summary>
    public async Task<VisibleEntry> EntryAsync(Guid id, CancellationToken ct) =>
        await mediator.Send(new FindVisibleEntry(id), ct) ?? throw new NotFoundException("Credential");

    /// <summary>
    /// Since when the caller's tenant may see a credential's history (earlier secrets, earlier files): all of it (null) for
    /// the origin; for a target, what was replaced while its share was in force (older values it never knew, and they are
    /// often reused elsewhere).
    /// </summary>
    public async Task<DateTimeOffset?> HistorySinceAsync(VisibleEntry entry, CancellationToken ct) =>
        entry.OriginTenantId == TenantContext.Current?.Id
            ? null
            : (await mediator.Send(new Sharing.Contracts.FindIncomingShare(entry.CredentialId, entry.OriginTenantId), ct) ?? throw new NotFoundException("Credential")).SharedAt;

    private async Task<(VisibleEntry Entry, CredentialsDbContext Owner)> FindAsync(Guid id, CancellationToken ct)
    {
        var entry = await EntryAsync(id, ct);
        if (entry.OriginTenantId == db.Tenant?.Id)
        {
            return (entry, db);
        }

        var origin = await tenants.FindAsync(entry.OriginTenantId, ct) ?? throw new NotFoundException("Credential");
        using (TenantContext.Begin(origin))
        {
            return (entry, contexts.Create());
        }
    }
}
