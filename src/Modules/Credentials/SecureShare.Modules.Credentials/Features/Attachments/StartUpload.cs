using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// Before any byte of an upload is read: the caller may change the credential (its origin, or a target whose share grants
/// Edit), the attachment to replace is the credential's, a File credential holds one file, and the owner has room. Then
/// the stored file's row is made (Uploading) with its own key sealed under the owner's data key, in a transaction of
/// its own, so bytes that arrive are always accounted for. Nothing the caller can see changes yet: the add or replace
/// that ends the upload is the audited action.
/// </summary>
public static class StartUpload
{
    public sealed record Command(Guid CredentialId, Guid? AttachmentId) : ICommand<UploadTicket>;

    /// <summary>
    /// The stored file's row (Uploading), with its own key sealed under the owner's data key, saved in the owner's context;
    /// the ticket bounds the upload by the file limit and the owner's room (none left: 413).
    /// </summary>
    internal static async Task<UploadTicket> TicketAsync(CredentialsDbContext owner, TenantKeys keys, FileQuota quota, DateTimeOffset now, CancellationToken ct)
    {
        var limit = await quota.LimitAsync(owner.Tenant!.Id, ct);
        var room = await FileQuota.RoomAsync(owner, limit, ct);
        if (room <= 0)
        {
            throw FileQuota.QuotaExceeded(limit);
        }

        var id = Guid.CreateVersion7();
        var (cipher, sealedKey) = FileCipher.New(await keys.ForAsync(owner, ct), id);
        var file = new StoredFile { Id = id, State = StoredFileState.Uploading, SealedKey = sealedKey, ChunkSize = FileCipher.ChunkSize, CreatedAt = now };
        owner.StoredFiles.Add(file);
        await owner.SaveChangesAsync(ct);
        return new UploadTicket(owner.Tenant, file, cipher, Math.Min(room, quota.MaxFileBytes), room < quota.MaxFileBytes ? limit : null);
    }

    internal sealed class Handler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, FileQuota quota, TimeProvider clock)
        : ICommandHandler<Command, UploadTicket>
    {
        public async ValueTask<UploadTicket> Handle(Command command, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(command.CredentialId, ct);
            var me = caller.Require(Ability.ManageCredentials);
            visible.RequireEdit(me);
            var owner = visible.Owner;
            using (visible.InOrigin())
            {
                var attachments = owner.Attachments.Where(a => a.CredentialId == command.CredentialId);
                if (command.AttachmentId is { } replaced && !await attachments.AnyAsync(a => a.Id == replaced, ct))
                {
                    throw new NotFoundException("Attachment");
                }

                if (command.AttachmentId is null)
                {
                    await AddAttachment.RequireRoomForAnotherAsync(owner, visible.Credential, ct);
                }

                return await TicketAsync(owner, keys, quota, clock.GetUtcNow(), ct);
            }
        }
    }
}

/// <summary>What an upload needs to seal and store its bytes: held by the upload only, never serialised.</summary>
public sealed class UploadTicket
{
    internal UploadTicket(TenantInfo owner, StoredFile file, FileCipher cipher, long maxBytes, long? quotaLimit)
    {
        Owner = owner;
        File = file;
        Cipher = cipher;
        MaxBytes = maxBytes;
        QuotaLimit = quotaLimit;
    }

    internal TenantInfo Owner { get; }

    internal StoredFile File { get; }

    internal FileCipher Cipher { get; }

    /// <summary>The most bytes this upload may have: the file limit, or less when the owner's quota has less room.</summary>
    internal long MaxBytes { get; }

    /// <summary>The owner's quota, when its room rather than the file limit bounds this upload.</summary>
    internal long? QuotaLimit { get; }
}
