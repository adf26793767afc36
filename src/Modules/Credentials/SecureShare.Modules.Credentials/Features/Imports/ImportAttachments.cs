using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Attachments;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>A file an imported entry carries: its name and size; its bytes wait in the spool, one record per stored chunk.</summary>
internal sealed class ImportedAttachment(string name, long size, IReadOnlyList<SpoolRecord> chunks)
{
    public string Name { get; } = name;

    public long Size { get; } = size;

    public IReadOnlyList<SpoolRecord> Chunks { get; } = chunks;

    /// <summary>Within the file limit and its owner's room: it is (or, in a dry run, would be) attached.</summary>
    public bool Fits { get; set; }

    /// <summary>Its stored file, sealed and stored but not yet anyone's (Uploading), in the tenant it goes to.</summary>
    public StagedFile? Staged { get; set; }

    /// <summary>The import's transaction made it an attachment.</summary>
    public bool Attached { get; set; }
}

/// <summary>A staged file: its upload's ticket (the owner, the row, the cipher) and what was stored.</summary>
internal sealed record StagedFile(UploadTicket Ticket, long Size, int ChunkCount);

/// <summary>
/// The files of an import, which travel as uploads do (decision 0050): before the import's transaction, each file is
/// staged — its row made (Uploading) and its chunks sealed and stored from the spool, each a short transaction of its
/// own — in the tenant its entry goes to; the import's transaction then makes them attachments of the new credentials,
/// takes the owner's quota and audits them, or, failing, leaves them to be abandoned. A file past what its owner may still
/// store (or past the file limit, <see cref="ImportedFile.Attach"/>) is not brought over and is reported with its row.
/// </summary>
public static class ImportAttachments
{
    internal sealed record Stage(ImportFields Fields, ImportedFile File) : IRequest<bool>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Stages (in a dry run: only checks) the files of the entries; not a command: it opens its short transactions itself.</summary>
    internal sealed class StageHandler(
        ICurrentUser caller, ISender sender, ITenantStore tenants, FileQuota quota, TenantKeys keys, ModuleDbContextFactory<CredentialsDbContext> contexts,
        DbSession session, FileUploads uploads, TimeProvider clock)
        : IRequestHandler<Stage, bool>
    {
        public async ValueTask<bool> Handle(Stage request, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var file = request.File;
            var carrying = file.Entries.Where(e => e.Attachments.Count > 0).ToList();
            if (carrying.Count == 0)
            {
                return false;
            }

            var (targetOf, _) = await ImportRouting.RouteAsync(me, request.Fields, file.Entries, sender, tenants, ct);
            foreach (var group in carrying.GroupBy(e => targetOf(e).Tenant.Id))
            {
                var tenant = targetOf(group.First()).Tenant;
                using var scope = tenant.Id == me.Tenant.Id ? null : TenantContext.Begin(tenant);
                var owner = contexts.Create();
                var room = await FileQuota.RoomAsync(owner, await quota.LimitAsync(tenant.Id, ct), ct);
                foreach (var entry in group)
                {
                    foreach (var (attachment, index) in entry.Attachments.Select((a, i) => (a, i)))
                    {
                        var refusal = index > 0 && entry.Kind == CredentialKind.File ? "a file credential holds one file"
                            : attachment.Size > room ? $"{tenant.Name} has no room left for it in its file quota"
                            : null;
                        if (refusal is not null)
                        {
                            file.Warnings.Add(new ImportWarning(entry.Row, entry.Name, $"Its file {attachment.Name} is not brought over: {refusal}."));
                            continue;
                        }

                        room -= attachment.Size;
                        attachment.Fits = true;
                        if (!request.Fields.DryRun)
                        {
                            attachment.Staged = await StageAsync(owner, file.Spool, attachment, ct);
                        }
                    }
                }
            }

            return true;
        }

        private async Task<StagedFile> StageAsync(CredentialsDbContext owner, ImportSpool spool, ImportedAttachment attachment, CancellationToken ct)
        {
            var ticket = await session.InTransactionAsync(() => StartUpload.TicketAsync(owner, keys, quota, clock.GetUtcNow(), ct), ct);
            try
            {
                await using var bytes = new SpooledFile(spool, attachment.Chunks);
                var (size, chunks) = await uploads.StoreAsync(bytes, ticket, ct);
                return new StagedFile(ticket, size, chunks);
            }
            catch
            {
                ticket.Cipher.Dispose();
                await uploads.AbandonAsync(ticket.Owner, ticket.File.Id);
                throw;
            }
        }
    }

    /// <summary>
    /// In the import's transaction, in the owner's context: the staged files of the entries become attachments of their
    /// new credentials (ids in the order of the entries), the owner's quota is taken for all of them by one conditional
    /// UPDATE, and each is audited as added (via import). Answers how many were attached.
    /// </summary>
    internal static async Task<int> AttachAsync(
        CredentialsDbContext owner, IReadOnlyList<ImportedEntry> entries, IReadOnlyList<Guid> credentialIds, FileQuota quota, IAuditTrail audit, Guid userId,
        DateTimeOffset now, CancellationToken ct)
    {
        var staged = entries.Zip(credentialIds).SelectMany(x => x.First.Attachments.Where(a => a.Staged is not null).Select(a => (Entry: x.First, Id: x.Second, File: a))).ToList();
        if (staged.Count == 0)
        {
            return 0;
        }

        var ids = staged.ConvertAll(s => s.File.Staged!.Ticket.File.Id);
        var rows = await owner.StoredFiles.Where(f => ids.Contains(f.Id) && f.State == StoredFileState.Uploading).ToDictionaryAsync(f => f.Id, ct);
        if (rows.Count != ids.Count)
        {
            throw new ConflictException("A file of the import was removed before the import finished; import the file again.");
        }

        await quota.TakeAsync(owner, staged.Sum(s => s.File.Staged!.Size), ct);
        var records = new List<AuditRecord>(staged.Count);
        foreach (var (entry, credentialId, file) in staged)
        {
            var stored = file.Staged!;
            var row = rows[stored.Ticket.File.Id];
            (row.State, row.Size, row.ChunkCount) = (StoredFileState.Stored, stored.Size, stored.ChunkCount);
            var attachment = new Attachment
            {
                CredentialId = credentialId,
                Name = file.Name,
                ContentType = FileNames.ContentType(null),
                Size = stored.Size,
                StoredFileId = row.Id,
                CreatedByUserId = userId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            owner.Attachments.Add(attachment);
            records.Add(Attachments.Attachments.Event(CredentialAuditEvents.AttachmentAdded, credentialId, entry.Name!, attachment, via: "import"));
            file.Attached = true;
        }

        await owner.SaveChangesAsync(ct);
        await audit.RecordManyAsync(records, ct);
        return staged.Count;
    }

    /// <summary>
    /// After the import: its staged files that did not become attachments are removed; when it failed, all of them (a run
    /// of its transaction may have marked some attached before it rolled back; only files still uploading are removed).
    /// </summary>
    internal static async Task AbandonUnattachedAsync(ImportedFile file, FileUploads uploads, bool imported)
    {
        foreach (var attachment in file.Entries.SelectMany(e => e.Attachments).Where(a => a.Staged is not null))
        {
            var ticket = attachment.Staged!.Ticket;
            using (ticket.Cipher)
            {
                if (!imported || !attachment.Attached)
                {
                    await uploads.AbandonAsync(ticket.Owner, ticket.File.Id);
                }
            }
        }
    }
}

/// <summary>A spooled file read back in order, one chunk in memory at a time (cleared when done).</summary>
internal sealed class SpooledFile(ImportSpool spool, IReadOnlyList<SpoolRecord> chunks) : Stream
{
    private readonly byte[] _chunk = new byte[FileCipher.ChunkSize];
    private int _next;
    private int _offset;
    private int _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _length)
        {
            if (_next == chunks.Count)
            {
                return 0;
            }

            _length = spool.Read(chunks[_next++], _chunk);
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _length - _offset);
        _chunk.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_chunk);
        base.Dispose(disposing);
    }
}
