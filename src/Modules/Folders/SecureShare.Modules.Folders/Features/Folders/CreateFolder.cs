using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Features.Folders;

public static class CreateFolder
{
    public sealed record Command(string? Name, Guid? ParentId, IReadOnlyList<Guid>? GroupIds) : ICommand<FolderDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/folders", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var folder = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/folders/{folder.Id}", folder);
            })
            .WithSummary("Admin: add a folder (optionally restricted to security groups).")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).ValidFolderName();
            RuleFor(c => c.GroupIds).Must(g => g is null || g.Count <= FolderRules.MaxGroups).WithMessage($"At most {FolderRules.MaxGroups} groups.");
        }
    }

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller, ISender mediator, TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, FolderDto>
    {
        public async ValueTask<FolderDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var tree = await FolderRules.LoadTreeAsync(db, ct);
            if (command.ParentId is { } parent && !tree.ContainsKey(parent))
            {
                throw new NotFoundException("Parent folder");
            }

            FolderRules.EnsureUniqueName(tree, command.ParentId, command.Name!, null);
            var folder = new Folder { Name = command.Name!, NormalizedName = Folder.Normalize(command.Name!), CreatedAt = clock.GetUtcNow() };
            folder.Place(command.ParentId);
            folder.SetGroups(await FolderRules.ResolveGroupsAsync(mediator, command.GroupIds, ct));
            tree[folder.Id] = folder;
            FolderTree.RecomputeRestrictions(tree);
            db.Folders.Add(folder);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(FolderAuditEvents.Created, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Folder, folder.Id, folder.Name)],
                    new Dictionary<string, string> { ["name"] = folder.Name, ["groups"] = folder.Groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return folder.ToDto();
        }
    }
}
