using System.Linq.Expressions;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// The files a link share carries. At the link's making, each chosen attachment is read (opened with its owner's data key)
/// and sealed again, chunk by chunk, under a key derived from the link's key (<see cref="FileCipher.ForLink"/>), stored
/// like any file and counted against the link's tenant. They serve the recipient holding an open's grant, and go once
/// the link can no longer serve them: revoked, expired or locked, or used up and the last grant run out.
/// </summary>
internal sealed class LinkFiles(IFileStore store, FileContent content, FileQuota quota, StoredFiles files, TimeProvider clock)
{
    /// <summary>Copies the attachments into the link (in the link's tenant context and transaction); answers their names.</summary>
    public async Task<IReadOnlyList<string>> CopyAsync(
        CredentialsDbContext db, CredentialsDbContext owner, DataKey ownerKey, LinkShare link, byte[] linkKey, IReadOnlyList<Guid> attachmentIds, CancellationToken ct)
    {
        var ids = attachmentIds.Distinct().ToList();
        var attachments = await owner.Attachments.AsNoTracking().Where(a => a.CredentialId == link.CredentialId && ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        if (attachments.Count != ids.Count)
        {
            throw ValidationFailedException.For("attachmentIds", "attachmentIds names a file this credential does not have.");
        }

        var sourceIds = attachments.Values.Select(a => a.StoredFileId).ToList();
        var sources = await owner.StoredFiles.AsNoTracking().Where(f => sourceIds.Contains(f.Id) && f.State == StoredFileState.Stored).ToDictionaryAsync(f => f.Id, ct);
        await quota.TakeAsync(db, sources.Values.Sum(f => f.Size), ct);
        var written = new List<StoredFile>();
        try
        {
            foreach (var (attachment, position) in ids.Select((id, i) => (attachments[id], i)))
            {
                var source = sources[attachment.StoredFileId];
                var copy = new StoredFile
                {
                    State = StoredFileState.Stored, ChunkSize = source.ChunkSize, ChunkCount = source.ChunkCount, Size = source.Size, CreatedAt = clock.GetUtcNow(),
                };
                db.StoredFiles.Add(copy);
                db.LinkFiles.Add(new LinkFile
                {
                    LinkId = link.Id, Position = position, Name = attachment.Name, ContentType = attachment.ContentType, Size = source.Size, StoredFileId = copy.Id,
                });
                await db.SaveChangesAsync(ct);
                written.Add(copy);
                await SealAgainAsync(source, FileCipher.Open(ownerKey, source), copy, FileCipher.ForLink(linkKey, copy.Id), db, ct);
            }
        }
        catch (Exception e)
        {
            // The transaction rolls the rows back; bytes a directory already holds go now.
            foreach (var copy in written)
            {
                await store.PurgeAsync(db.Tenant!, copy.Id, CancellationToken.None);
            }

            if (e is CryptographicException)
            {
                throw new IntegrityException("A file of this credential failed its integrity check, so no link was made. Restore the file from a backup.");
            }

            throw;
        }

        return ids.Select(id => attachments[id].Name).ToList();
    }

    /// <summary>
    /// A link whose files can go: its content is gone (revoked, expired, locked or used up) and no open's grant still lets
    /// its recipient fetch them (the download refuses a revoked, locked or expired link whatever its grant).
    /// </summary>
    public static Expression<Func<LinkShare, bool>> CannotServeFiles(DateTimeOffset now) =>
        l => l.Ciphertext == null
            && (l.RevokedAt != null || l.FailedAttempts >= LinkLimits.MaxFailedPassphrases || l.ExpiresAt <= now
                || l.FilesGrantExpiresAt == null || l.FilesGrantExpiresAt <= now);

    /// <summary>Removes the files of this tenant's links that can no longer serve them (in the tenant's context and transaction).</summary>
    public async Task<int> PurgeEndedAsync(CredentialsDbContext db, CancellationToken ct)
    {
        var ended = db.LinkFiles.Where(f => db.Links.Where(CannotServeFiles(clock.GetUtcNow())).Any(l => l.Id == f.LinkId));
        await files.RemoveAsync(db, ended.Select(f => f.StoredFileId), ct);
        return await ended.ExecuteDeleteAsync(ct);
    }

    private async Task SealAgainAsync(StoredFile source, FileCipher from, StoredFile copy, FileCipher to, CredentialsDbContext db, CancellationToken ct)
    {
        using (from)
        using (to)
        {
            var sealedFull = new byte[source.ChunkSize + FileCipher.TagSize];
            await using var writer = store.Create(db.Tenant!, copy);
            var index = 0;
            await foreach (var plain in content.ReadAsync(source, from, ct))
            {
                var output = plain.Length == source.ChunkSize ? sealedFull : new byte[plain.Length + FileCipher.TagSize];
                to.Seal(index, last: index == source.ChunkCount - 1, plain.Span, output);
                await writer.WriteAsync(output, ct);
                index++;
            }

            await writer.CompleteAsync(ct);
        }
    }
}
