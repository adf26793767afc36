using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// Attach a file to a credential (its origin, or a target whose share grants Edit): streamed in, sealed and stored
/// (<see cref="FileUploads"/>), then committed here with the owner's quota taken and the action audited on both sides.
/// </summary>
public static class AddAttachment
{
    public sealed record Command(Guid CredentialId, Guid StoredFileId, string Name, string ContentType, long Size, int ChunkCount) : ICommand<AttachmentDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/credentials/{id}/attachments", async (Guid id, HttpRequest request, CancellationToken ct) =>
            {
                var attachment = await ReceiveAsync(request, id, ct);
                return TypedResults.Created($"/api/v1/credentials/{id}/attachments/{attachment.Id}", attachment);
            })
            .WithMetadata(new AcceptsMetadata(["multipart/form-data"], typeof(byte[])))
            .DisableAntiforgery()
            .WithSummary("Origin, or a target with Edit: attach a file (multipart/form-data, field file). Sizes past the file limit or the owner's quota answer 413.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Receives the request's file and attaches it: what the API route and the UI's upload both run.</summary>
    public static Task<AttachmentDto> ReceiveAsync(HttpRequest request, Guid credentialId, CancellationToken ct) =>
        request.HttpContext.RequestServices.GetRequiredService<FileUploads>().UploadAsync(
            request, request.HttpContext.RequestServices.GetRequiredService<IMediator>(), credentialId, null,
            (file, received) => new Command(credentialId, file, received.Name, received.ContentType, received.Size, received.ChunkCount), ct);

    /// <summary>A credential's file changes, one after another (two uploads finishing at once must not both be a File credential's one file).</summary>
    internal static Task LockFilesAsync(CredentialsDbContext owner, Guid credentialId, CancellationToken ct) =>
        owner.Database.LockAsync($"attachments:{credentialId:N}", ct);

    /// <summary>A File credential holds one file: another is a replacement (checked before the upload, and again under the lock).</summary>
    internal static async Task RequireRoomForAnotherAsync(CredentialsDbContext owner, Credential credential, CancellationToken ct)
    {
        if (credential.Kind == CredentialKind.File && await owner.Attachments.AnyAsync(a => a.CredentialId == credential.Id, ct))
        {
            throw new ConflictException("A file credential holds one file: replace it (PUT …/attachments/{attachmentId}) to keep the old one as a version.");
        }
    }

    internal sealed class Handler(VisibleCredentials credentials, ICurrentUser caller, FileQuota quota, TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, AttachmentDto>
    {
        public async ValueTask<AttachmentDto> Handle(Command command, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(command.CredentialId, ct);
            var me = caller.Require(Ability.ManageCredentials);
            visible.RequireEdit(me);
            var owner = visible.Owner;
            Attachment attachment;
            using (visible.InOrigin())
            {
                await LockFilesAsync(owner, visible.Credential.Id, ct);
                await RequireRoomForAnotherAsync(owner, visible.Credential, ct);
                await StoredFiles.CommitAsync(owner, command.StoredFileId, command.Size, command.ChunkCount, quota, ct);
                var now = clock.GetUtcNow();
                attachment = new Attachment
                {
                    CredentialId = command.CredentialId,
                    Name = command.Name,
                    ContentType = command.ContentType,
                    Size = command.Size,
                    StoredFileId = command.StoredFileId,
                    CreatedByUserId = me.UserId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                owner.Attachments.Add(attachment);
                await owner.SaveChangesAsync(ct);
            }

            await audit.RecordOnBothSidesAsync(owner, Attachments.Event(CredentialAuditEvents.AttachmentAdded, visible.Credential, attachment), ct);
            return attachment.ToDto([]);
        }
    }
}
