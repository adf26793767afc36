using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>
/// Only the origin tenant deletes a credential (its Admins and Technicians); versions and files go with it, the audit
/// stays. Its link shares end first, each revoked and audited in the tenant that made it.
/// </summary>
public static class DeleteCredential
{
    public sealed record Command(Guid Id) : ICommand<bool>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/credentials/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Origin only: delete a credential.");

    internal sealed class Handler(
        CredentialsDbContext db, VisibleCredentials credentials, StoredFiles files, ICurrentUser caller, ITenantStore tenants, IAuditTrail audit, IMediator mediator)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(command.Id, ct);
            visible.RequireOrigin(caller.Require(Ability.ManageCredentials));
            var credential = visible.Credential;
            await LinkEndings.RevokeEverywhereAsync(db, tenants, mediator, credential.Id, "credential deleted", ct);
            await files.RemoveAsync(db, StoredFiles.FilesOf(db, db.Attachments.Where(a => a.CredentialId == credential.Id)), ct);
            db.Credentials.Remove(credential);
            await db.SaveChangesAsync(ct);
            await mediator.Publish(new CredentialDeleted(credential.Id, credential.Name), ct);
            await audit.RecordAsync(
                new AuditRecord(CredentialAuditEvents.Deleted, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, credential.Id, credential.Name)],
                    new Dictionary<string, string> { ["name"] = credential.Name }),
                ct);
            return true;
        }
    }
}
