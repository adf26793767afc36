using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// Replace an attachment's file (origin, or a target with Edit): the new file becomes current and the old one a version,
/// both counted against the owner's quota. For a File credential the file is its secret: replacing it is a rotation
/// (clears "needs rotation" and ends what earlier readers knew).
/// </summary>
public static class ReplaceAttachment
{
    public sealed record Command(Guid CredentialId, Guid AttachmentId, Guid StoredFileId, string Name, string ContentType, long Size, int ChunkCount)
        : ICommand<AttachmentDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/credentials/{id}/attachments/{attachmentId}", async (Guid id, Guid attachmentId, HttpRequest request, CancellationToken ct) =>
                TypedResults.Ok(await ReceiveAsync(request, id, attachmentId, ct)))
            .WithMetadata(new AcceptsMetadata(["multipart/form-data"], typeof(byte[])))
            .DisableAntiforgery()
            .WithSummary("Origin, or a target with Edit: replace an attachment's file (multipart/form-data, field file); the old file is kept as a version.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Receives the request's file as the attachment's new one: what the API route and the UI's replace both run.</summary>
    public static Task<AttachmentDto> ReceiveAsync(HttpRequest request, Guid credentialId, Guid attachmentId, CancellationToken ct) =>
        request.HttpContext.RequestServices.GetRequiredService<FileUploads>().UploadAsync(
            request, request.HttpContext.RequestServices.GetRequiredService<IMediator>(), credentialId, attachmentId,
            (file, r) => new Command(credentialId, attachmentId, file, r.Name, r.ContentType, r.Size, r.ChunkCount), ct);

    internal sealed class Handler(VisibleCredentials credentials, ICurrentUser caller, FileQuota quota, TimeProvider clock, IAuditTrail audit, IPublisher publisher)
        : ICommandHandler<Command, AttachmentDto>
    {
        public async ValueTask<AttachmentDto> Handle(Command command, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(command.CredentialId, ct);
            var me = caller.Require(Ability.ManageCredentials);
            visible.RequireEdit(me);
            var (credential, entry, owner) = visible;
            Attachment attachment;
            using (visible.InOrigin())
            {
                await AddAttachment.LockFilesAsync(owner, credential.Id, ct);
                attachment = await owner.Attachments.FirstOrDefaultAsync(a => a.Id == command.AttachmentId && a.CredentialId == credential.Id, ct)
                    ?? throw new NotFoundException("Attachment");
                await StoredFiles.CommitAsync(owner, command.StoredFileId, command.Size, command.ChunkCount, quota, ct);
                var now = clock.GetUtcNow();
                owner.AttachmentVersions.Add(new AttachmentVersion
                {
                    AttachmentId = attachment.Id,
                    Version = attachment.Version,
                    Name = attachment.Name,
                    ContentType = attachment.ContentType,
                    Size = attachment.Size,
                    StoredFileId = attachment.StoredFileId,
                    ReplacedByName = me.DisplayName,
                    ReplacedAt = now,
                });
                attachment.Version++;
                attachment.Name = command.Name;
                attachment.ContentType = command.ContentType;
                attachment.Size = command.Size;
                attachment.StoredFileId = command.StoredFileId;
                attachment.UpdatedAt = now;
                if (credential.Kind == CredentialKind.File)
                {
                    credential.NeedsRotation = false;
                    credential.SecretChangedAt = now;
                    credential.SecretChangedByUserId = me.UserId;
                    credential.UpdatedAt = now;
                }

                await owner.SaveChangesAsync(ct);
                if (credential.Kind == CredentialKind.File)
                {
                    await publisher.Publish(new CredentialChanged(credential.ToListing(entry.OriginTenantName)), ct);
                }
            }

            await audit.RecordOnBothSidesAsync(owner, Attachments.Event(CredentialAuditEvents.AttachmentReplaced, credential, attachment, attachment.Version), ct);
            return (await ListAttachments.LoadAsync(owner, credential.Id, await credentials.HistorySinceAsync(entry, ct), attachment.Id, ct)).Single();
        }
    }
}
