using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Imports;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// The backstop of <see cref="StoredFiles"/>: removes stored files nothing refers to any more (the files of links deleted
/// with their credential), then purges the bytes and rows of files marked deleted that a stopped process left, and of
/// uploads that never finished (older than <see cref="AbandonedAfter"/>), and handover packages (and held keys) and imports kept for jobs past their time. A recurring job.
/// </summary>
public static class PurgeFiles
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(6);

    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, StoredFiles files, ITenantStore tenants, TimeProvider clock,
        ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var abandoned = clock.GetUtcNow() - AbandonedAfter;

            // Deliberate bypass: a handover package (or a held key), or an import kept for a job that never ran it, past its
            // time goes first, whichever tenant keeps it (nothing else refers to it), so that a failing file purge below never keeps one.
            await db.HandoverPackages.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(h => h.ExpiresAt < clock.GetUtcNow()).ExecuteDeleteAsync(ct);
            await ImportParcels.PurgeExpiredAsync(db, contexts, session, tenants, logger, clock.GetUtcNow() - ImportParcelLimits.KeptFor, ct);

            // Deliberate bypass: stored files of any tenant that no attachment, version or link file names; each tenant's are
            // then marked deleted (their bytes given back to its quota) inside it.
            var unreferenced = await db.StoredFiles.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(f => f.State == StoredFileState.Stored && !db.Attachments.Any(a => a.StoredFileId == f.Id)
                    && !db.AttachmentVersions.Any(v => v.StoredFileId == f.Id) && !db.LinkFiles.Any(l => l.StoredFileId == f.Id))
                .Select(f => new { f.TenantId, f.Id }).ToListAsync(ct);
            foreach (var tenantFiles in unreferenced.GroupBy(f => f.TenantId))
            {
                if (await tenants.FindAsync(tenantFiles.Key, ct) is { } tenant)
                {
                    using (TenantContext.Begin(tenant))
                    {
                        var ids = tenantFiles.Select(f => f.Id).ToList();
                        var tenantDb = contexts.Create();
                        await session.InTransactionAsync(async () =>
                        {
                            await files.RemoveAsync(tenantDb, tenantDb.StoredFiles.Where(f => ids.Contains(f.Id)).Select(f => f.Id), ct);
                            return true;
                        }, ct);
                    }
                }
            }

            // Deliberate bypass: the purge spans every tenant; it reads ids and purges each tenant's files inside it.
            var leftovers = await db.StoredFiles.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(f => f.State == StoredFileState.Deleted || (f.State == StoredFileState.Uploading && f.CreatedAt < abandoned))
                .Select(f => new { f.TenantId, f.Id }).ToListAsync(ct);
            foreach (var tenantFiles in leftovers.GroupBy(f => f.TenantId))
            {
                if (await tenants.FindAsync(tenantFiles.Key, ct) is { } tenant)
                {
                    await files.PurgeAsync(tenant, tenantFiles.Select(f => f.Id).ToList(), ct);
                }
            }

            return leftovers.Count;
        }
    }
}
