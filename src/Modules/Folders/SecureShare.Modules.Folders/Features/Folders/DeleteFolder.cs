using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Features.Folders;

/// <summary>Deletes a folder; its subfolders and credentials move to its parent. Never deletes a credential.</summary>
public static class DeleteFolder
{
    public sealed record Command(Guid Id) : ICommand<bool>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/folders/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Admin: delete a folder; its contents move to its parent.");

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller, IPublisher publisher, IAuditTrail audit) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var tree = await FolderRules.LoadTreeAsync(db, ct);
            var folder = tree.GetValueOrDefault(command.Id) ?? throw new NotFoundException("Folder");
            var carried = await FolderRules.CredentialsUnderAsync(db, tree, folder.Id, ct);
            tree.Remove(folder.Id);
            foreach (var child in tree.Values.Where(f => f.ParentId == folder.Id).ToList())
            {
                FolderRules.EnsureUniqueName(tree, folder.ParentId, child.Name, child.Id);
                child.Place(folder.ParentId);
            }

            var moved = await db.Entries.Where(e => e.FolderId == folder.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.FolderId, folder.ParentId), ct);
            db.Folders.Remove(folder);
            FolderTree.RecomputeRestrictions(tree);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(FolderAuditEvents.Deleted, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Folder, folder.Id, folder.Name)],
                    new Dictionary<string, string> { ["name"] = folder.Name, ["credentialsMoved"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            await publisher.Publish(new FolderDeleted(folder.Id, carried), ct); // its share rules end, and what it held leaves them
            return true;
        }
    }
}
