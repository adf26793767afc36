using System.Text.Json;
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

/// <summary>
/// Rename, move (never into itself or below itself) or change the groups of a folder. In the JSON
/// body an absent field stays as it is; "parentId": null moves to the root; "groupIds": [] or null
/// lifts the folder's own restriction (it then inherits its parent's).
/// </summary>
public static class UpdateFolder
{
    public sealed record Command(Guid Id, string? Name, bool MoveRequested, Guid? ParentId, bool GroupsGiven, IReadOnlyList<Guid>? GroupIds) : ICommand<FolderDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPatch("/folders/{id}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(Read(id, body), ct)))
            .WithSummary("Admin: rename, move or change the groups of a folder.")
            .Accepts<FolderPatch>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The body's shape, for the API description.</summary>
    public sealed record FolderPatch(string? Name, Guid? ParentId, IReadOnlyList<Guid>? GroupIds);

    private static Command Read(Guid id, JsonElement body)
    {
        var invalid = ValidationFailedException.For("body", "name is a string, parentId a folder id or null, groupIds a list of group ids.");
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw invalid;
        }

        var name = body.TryGetProperty("name", out var n) ? n.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => n.GetString(),
            _ => throw invalid,
        } : null;
        var move = body.TryGetProperty("parentId", out var p);
        var groupsGiven = body.TryGetProperty("groupIds", out var g);
        return new Command(
            id,
            name,
            move,
            move && p.ValueKind != JsonValueKind.Null ? IdOf(p) ?? throw invalid : null,
            groupsGiven,
            !groupsGiven || g.ValueKind == JsonValueKind.Null ? null
            : g.ValueKind == JsonValueKind.Array ? g.EnumerateArray().Select(x => IdOf(x) ?? throw invalid).ToList()
            : throw invalid);

        static Guid? IdOf(JsonElement value) => value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var guid) ? guid : null;
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).ValidFolderName().When(c => c.Name is not null);
            RuleFor(c => c.GroupIds).Must(g => g is null || g.Count <= FolderRules.MaxGroups).WithMessage($"At most {FolderRules.MaxGroups} groups.");
            RuleFor(c => c).Must(c => c.Name is not null || c.MoveRequested || c.GroupsGiven)
                .WithName("body").WithMessage("Give at least one of name, parentId, groupIds.");
        }
    }

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller, ISender mediator, IPublisher publisher, IAuditTrail audit) : ICommandHandler<Command, FolderDto>
    {
        public async ValueTask<FolderDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var tree = await FolderRules.LoadTreeAsync(db, ct);
            var folder = tree.GetValueOrDefault(command.Id) ?? throw new NotFoundException("Folder");
            var changed = new Dictionary<string, string>();

            if (command.MoveRequested && command.ParentId != folder.ParentId)
            {
                if (command.ParentId is { } parent)
                {
                    if (!tree.ContainsKey(parent))
                    {
                        throw new NotFoundException("Parent folder");
                    }

                    if (FolderTree.IsSelfOrDescendant(tree, folder.Id, parent))
                    {
                        throw ValidationFailedException.For("parentId", "A folder cannot move into itself or one of its subfolders.");
                    }
                }

                FolderRules.EnsureUniqueName(tree, command.ParentId, command.Name ?? folder.Name, folder.Id);
                folder.Place(command.ParentId);
                changed["parentId"] = command.ParentId?.ToString() ?? "root";
            }

            if (command.Name is { } name && name != folder.Name)
            {
                FolderRules.EnsureUniqueName(tree, folder.ParentId, name, folder.Id);
                folder.Name = name;
                folder.NormalizedName = Folder.Normalize(name);
                changed["name"] = name;
            }

            if (command.GroupsGiven)
            {
                var groups = await FolderRules.ResolveGroupsAsync(mediator, command.GroupIds, ct);
                if (!groups.Order().SequenceEqual(folder.Groups.Select(g => g.GroupId).Order()))
                {
                    folder.SetGroups(groups);
                    changed["groups"] = groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (changed.Count > 0)
            {
                FolderTree.RecomputeRestrictions(tree);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditRecord(FolderAuditEvents.Updated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Folder, folder.Id, folder.Name)], changed), ct);
            }

            if (changed.ContainsKey("parentId"))
            {
                await publisher.Publish(new PlacementsChanged(await FolderRules.CredentialsUnderAsync(db, tree, folder.Id, ct), New: false), ct);
            }

            return folder.ToDto();
        }
    }
}
