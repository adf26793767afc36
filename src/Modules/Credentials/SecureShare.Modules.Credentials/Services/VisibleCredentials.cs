using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Features;
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
    /// <summary>
    /// The credential with its tags and custom fields; <paramref name="secretsOnly"/> leaves the tags out,
    /// so a reveal reads the credential in one query.
    /// </summary>
    public async Task<VisibleCredential> LoadAsync(Guid id, CancellationToken ct, bool secretsOnly = false)
    {
        var entry = await mediator.Send(new FindVisibleEntry(id), ct) ?? throw new NotFoundException("Credential");
        var owner = db;
        if (entry.OriginTenantId != db.Tenant?.Id)
        {
            var origin = await tenants.FindAsync(entry.OriginTenantId, ct) ?? throw new NotFoundException("Credential");
            using (TenantContext.Begin(origin))
            {
                owner = contexts.Create();
            }
        }

        var query = secretsOnly
            ? owner.Credentials.Include(c => c.CustomFields).AsSingleQuery()
            : owner.Credentials.Include(c => c.Tags).Include(c => c.CustomFields).AsSplitQuery();
        var credential = await query.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Credential");
        return new VisibleCredential(credential, entry, owner);
    }
}
