using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Features.ContractHandlers;

/// <summary>
/// The terms of the share that brings a credential into the ambient tenant. The share row lives in its
/// origin's tenant: it is read inside the origin's scope, and only the row whose target is the ambient tenant.
/// </summary>
internal sealed class FindIncomingShareHandler(ModuleDbContextFactory<SharingDbContext> contexts, ITenantStore tenants)
    : IQueryHandler<FindIncomingShare, IncomingShareTerms?>
{
    public async ValueTask<IncomingShareTerms?> Handle(FindIncomingShare query, CancellationToken ct)
    {
        var target = TenantContext.Current ?? throw new TenantIsolationException("An incoming share is found for a tenant.");
        if (await tenants.FindAsync(query.OriginTenantId, ct) is not { } origin || origin.FamilyId != target.FamilyId)
        {
            return null;
        }

        using (TenantContext.Begin(origin))
        {
            return await contexts.Create().Shares.AsNoTracking()
                .Where(s => s.CredentialId == query.CredentialId && s.TargetTenantId == target.Id)
                .Select(s => new IncomingShareTerms(s.CreatedAt, s.ExpiresAt))
                .FirstOrDefaultAsync(ct);
        }
    }
}
