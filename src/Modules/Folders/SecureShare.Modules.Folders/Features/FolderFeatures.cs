using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Features;

public sealed record FolderDto(Guid Id, string Name, Guid? ParentId, IReadOnlyList<Guid> GroupIds);

internal static class FolderRules
{
    public const int MaxGroups = 100;

    public static IRuleBuilderOptions<T, string?> ValidFolderName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Name is required.")
            .Must(n => n!.Trim().Length == n.Length).WithMessage("Name must not start or end with spaces.")
            .MaximumLength(Folder.NameMaxLength).WithMessage($"Name must be at most {Folder.NameMaxLength} characters.")
            .Must(n => !n!.Any(char.IsControl) && !n.Contains('/', StringComparison.Ordinal)).WithMessage("Name must not contain '/' or control characters.");

    public static async Task<Dictionary<Guid, Folder>> LoadTreeAsync(FoldersDbContext db, CancellationToken ct) =>
        await db.Folders.Include(f => f.Groups).AsSplitQuery().ToDictionaryAsync(f => f.Id, ct);

    /// <summary>Every group id must be a security group of the own tenant (a 404 otherwise, naming none).</summary>
    public static async Task<List<Guid>> ResolveGroupsAsync(ISender mediator, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count > 0 && (await mediator.Send(new FindGroups(wanted), ct)).Count != wanted.Count)
        {
            throw new NotFoundException("Group");
        }

        return wanted;
    }

    public static void EnsureUniqueName(IReadOnlyDictionary<Guid, Folder> tree, Guid? parentId, string name, Guid? except)
    {
        var normalized = Folder.Normalize(name);
        if (tree.Values.Any(f => f.ParentId == parentId && f.NormalizedName == normalized && f.Id != except))
        {
            throw new ConflictException("A folder of that name already exists here.");
        }
    }

    public static FolderDto ToDto(this Folder f) => new(f.Id, f.Name, f.ParentId, f.Groups.Select(g => g.GroupId).Order().ToList());

    public static void SetGroups(this Folder folder, IEnumerable<Guid> groupIds)
    {
        folder.Groups.Clear();
        folder.Groups.AddRange(groupIds.Select(g => new FolderGroup { FolderId = folder.Id, GroupId = g }));
    }

    /// <summary>Folders the caller may see: Admins all; others those with no restriction or a restriction naming one of their groups.</summary>
    public static bool CanSee(this Folder folder, IReadOnlyDictionary<Guid, Folder> tree, SessionPrincipal caller) =>
        caller.IsAdmin
        || folder.RestrictedBy is not { } restricting
        || tree[restricting].Groups.Any(g => caller.GroupIds.Contains(g.GroupId));
}

/// <summary>The caller's tenant tree (folders hidden by a restriction are left out for non-admins).</summary>
public static class ListFolders
{
    public sealed record Query : IQuery<IReadOnlyList<FolderDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/folders", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("The caller's tenant folder tree.");

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller) : IQueryHandler<Query, IReadOnlyList<FolderDto>>
    {
        public async ValueTask<IReadOnlyList<FolderDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var tree = await FolderRules.LoadTreeAsync(db, ct);
            return tree.Values.Where(f => f.CanSee(tree, me)).OrderBy(f => f.NormalizedName).Select(f => f.ToDto()).ToList();
        }
    }
}

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
            caller.RequireRole(UserRole.Admin);
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
                new AuditRecord("folder.created", AuditOutcome.Succeeded, [new AuditTarget("folder", folder.Id)],
                    new Dictionary<string, string> { ["name"] = folder.Name, ["groups"] = folder.Groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return folder.ToDto();
        }
    }
}

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

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller, ISender mediator, IAuditTrail audit) : ICommandHandler<Command, FolderDto>
    {
        public async ValueTask<FolderDto> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
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
                await audit.RecordAsync(new AuditRecord("folder.updated", AuditOutcome.Succeeded, [new AuditTarget("folder", folder.Id)], changed), ct);
            }

            return folder.ToDto();
        }
    }
}

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

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller, IAuditTrail audit) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            var tree = await FolderRules.LoadTreeAsync(db, ct);
            var folder = tree.GetValueOrDefault(command.Id) ?? throw new NotFoundException("Folder");
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
                new AuditRecord("folder.deleted", AuditOutcome.Succeeded, [new AuditTarget("folder", folder.Id)],
                    new Dictionary<string, string> { ["name"] = folder.Name, ["credentialsMoved"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return true;
        }
    }
}
