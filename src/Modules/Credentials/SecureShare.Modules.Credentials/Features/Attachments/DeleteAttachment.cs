using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// Origin only (as deleting the credential is): delete an attachment with every version of it. Its bytes are purged once
/// the deletion has committed, and the quota they took is given back.
/// </summary>
public static class DeleteAttachment
{
    public sealed record Command(Guid CredentialId, Guid AttachmentId) : ICommand<bool>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/credentials/{id}/attachments/{attachmentId}", async (Guid id, Guid attachmentId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id, attachmentId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Origin only: delete an attachment and its versions.");

    internal sealed class Handler(VisibleCredentials credentials, StoredFiles files, ICurrentUser caller, IAuditTrail audit) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(command.CredentialId, ct);
            visible.RequireOrigin(caller.Require(Ability.ManageCredentials));
            var db = visible.Owner;
            var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == command.AttachmentId && a.CredentialId == command.CredentialId, ct)
                ?? throw new NotFoundException("Attachment");
            await files.RemoveAsync(db, StoredFiles.FilesOf(db, db.Attachments.Where(a => a.Id == attachment.Id)), ct);
            db.Attachments.Remove(attachment);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(Attachments.Event(CredentialAuditEvents.AttachmentDeleted, visible.Credential, attachment), ct);
            return true;
        }
    }
}
