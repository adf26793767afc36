using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// The life of a stored file's row: committed when its upload ends (quota taken), marked deleted with its attachment
/// (quota given back) in the deleting transaction, and purged (bytes, then row) once that transaction has committed, or
/// by the purge job should the process stop first.
/// </summary>
internal sealed class StoredFiles(DbSession session, IFileStore store, ModuleDbContextFactory<CredentialsDbContext> contexts)
{
    /// <summary>The uploaded file becomes stored, its size counted against the owner's quota (413 when it does not fit).</summary>
    public static async Task<StoredFile> CommitAsync(CredentialsDbContext owner, Guid fileId, long size, int chunkCount, FileQuota quota, CancellationToken ct)
    {
        var file = await owner.StoredFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.State == StoredFileState.Uploading, ct)
            ?? throw new NotFoundException("Upload");
        await quota.TakeAsync(owner, size, ct);
        file.State = StoredFileState.Stored;
        file.Size = size;
        file.ChunkCount = chunkCount;
        return file;
    }

    /// <summary>The stored files of these attachments, versions included.</summary>
    public static IQueryable<Guid> FilesOf(CredentialsDbContext owner, IQueryable<Attachment> attachments) =>
        attachments.Select(a => a.StoredFileId)
            .Concat(owner.AttachmentVersions.Where(v => attachments.Any(a => a.Id == v.AttachmentId)).Select(v => v.StoredFileId));

    /// <summary>Marks these files deleted and gives their bytes back to the owner's quota, in the owner's context and transaction.</summary>
    public async Task RemoveAsync(CredentialsDbContext owner, IQueryable<Guid> fileIds, CancellationToken ct)
    {
        var ids = await fileIds.ToListAsync(ct);
        if (ids.Count == 0)
        {
            return;
        }

        var files = owner.StoredFiles.Where(f => ids.Contains(f.Id) && f.State == StoredFileState.Stored);
        var bytes = await files.SumAsync(f => f.Size, ct);
        await files.ExecuteUpdateAsync(s => s.SetProperty(f => f.State, StoredFileState.Deleted), ct);
        await FileQuota.ReleaseAsync(owner, bytes, ct);
        var tenant = owner.Tenant!;
        await session.AfterCommitAsync(() => PurgeAsync(tenant, ids, CancellationToken.None));
    }

    /// <summary>Removes the bytes of files that are deleted (or whose upload died), then their rows.</summary>
    public async Task PurgeAsync(TenantInfo tenant, IReadOnlyCollection<Guid> fileIds, CancellationToken ct)
    {
        foreach (var id in fileIds)
        {
            await store.PurgeAsync(tenant, id, ct);
        }

        using (TenantContext.Begin(tenant))
        {
            var db = contexts.Create();
            await session.InTransactionAsync(
                () => db.StoredFiles.Where(f => fileIds.Contains(f.Id) && f.State != StoredFileState.Stored).ExecuteDeleteAsync(ct), ct);
        }
    }
}
