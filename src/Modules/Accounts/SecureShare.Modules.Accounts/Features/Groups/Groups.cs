using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Groups;

public sealed record GroupDto(Guid Id, string Name, IReadOnlyList<Guid> MemberIds);

internal static class GroupRules
{
    public const int MaxMembers = 10_000;

    public static void ValidMemberIds<T>(this IRuleBuilderInitial<T, IReadOnlyList<Guid>?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(ids => ids is null || ids.Count <= MaxMembers).WithMessage($"A group has at most {MaxMembers} members.")
            .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage("Member ids must be user ids.");

    /// <summary>Every member must be a user of the own tenant; anything else is a 400 that names no foreign id.</summary>
    public static async Task<List<Guid>> ResolveMembersAsync(AccountsDbContext db, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return wanted;
        }

        var found = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (found.Count != wanted.Count)
        {
            throw ValidationFailedException.For("memberIds", $"{wanted.Count - found.Count} member id(s) are not users of this tenant.");
        }

        return wanted;
    }

    public static async Task<GroupDto?> LoadAsync(AccountsDbContext db, Guid id, CancellationToken ct)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Id, g.Name }).FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return null;
        }

        var members = await db.GroupMembers.Where(m => m.GroupId == id).OrderBy(m => m.UserId).Select(m => m.UserId).ToListAsync(ct);
        return new GroupDto(group.Id, group.Name, members);
    }
}

public static class CreateGroup
{
    public sealed record Command(string? Name, IReadOnlyList<Guid>? MemberIds) : ICommand<GroupDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/groups", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var group = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/groups/{group.Id}", group);
            })
            .WithSummary("Admin: create a security group of the own tenant.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).ValidName();
            RuleFor(c => c.MemberIds).ValidMemberIds();
        }
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Command, GroupDto>
    {
        public async ValueTask<GroupDto> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            var normalized = command.Name!.ToUpperInvariant();
            if (await db.Groups.AnyAsync(g => g.NormalizedName == normalized, ct))
            {
                throw new ConflictException("A group of that name already exists in this tenant.");
            }

            var members = await GroupRules.ResolveMembersAsync(db, command.MemberIds, ct);
            var group = new SecurityGroup { Name = command.Name!, NormalizedName = normalized, CreatedAt = clock.GetUtcNow() };
            group.Members.AddRange(members.Select(id => new GroupMember { GroupId = group.Id, UserId = id }));
            db.Groups.Add(group);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AuditEventTypes.GroupCreated, AuditOutcome.Succeeded, [new AuditTarget("group", group.Id)],
                    new Dictionary<string, string> { ["name"] = group.Name, ["members"] = members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return new GroupDto(group.Id, group.Name, members.Order().ToList());
        }
    }
}

public static class ListGroups
{
    public sealed record Query(int? Limit, string? Cursor) : IQuery<Page<GroupDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/groups", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(limit, cursor), ct)))
            .WithSummary("Admin or Technician: the security groups of the own tenant, by name.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<GroupDto>>
    {
        public async ValueTask<Page<GroupDto>> Handle(Query query, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var groups = await db.Groups
                .Where(g => after == null || string.Compare(g.NormalizedName, after) > 0)
                .OrderBy(g => g.NormalizedName)
                .Take(limit + 1)
                .Select(g => new { g.Id, g.Name, g.NormalizedName })
                .ToListAsync(ct);
            var page = Paging.ToPage(groups, limit, g => g.NormalizedName);
            var ids = page.Items.Select(g => g.Id).ToList();
            var members = (await db.GroupMembers.Where(m => ids.Contains(m.GroupId)).Select(m => new { m.GroupId, m.UserId }).ToListAsync(ct))
                .ToLookup(m => m.GroupId, m => m.UserId);
            return new Page<GroupDto>(
                page.Items.Select(g => new GroupDto(g.Id, g.Name, members[g.Id].Order().ToList())).ToList(),
                page.NextCursor);
        }
    }
}

public static class GetGroup
{
    public sealed record Query(Guid Id) : IQuery<GroupDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/groups/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Admin or Technician: one security group of the own tenant.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, GroupDto>
    {
        public async ValueTask<GroupDto> Handle(Query query, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician);
            return await GroupRules.LoadAsync(db, query.Id, ct) ?? throw new NotFoundException("Group");
        }
    }
}

/// <summary>Replaces a group's members with the given users of the own tenant.</summary>
public static class SetGroupMembers
{
    public sealed record Body(IReadOnlyList<Guid>? MemberIds);

    public sealed record Command(Guid Id, IReadOnlyList<Guid>? MemberIds) : ICommand<GroupDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/groups/{id}/members", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(id, body.MemberIds), ct)))
            .WithSummary("Admin: replace the members of a security group.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MemberIds).NotNull().WithMessage("memberIds is required (an empty list empties the group).");
            RuleFor(c => c.MemberIds).ValidMemberIds();
        }
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, IAuditTrail audit) : ICommandHandler<Command, GroupDto>
    {
        public async ValueTask<GroupDto> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            var group = await db.Groups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == command.Id, ct)
                ?? throw new NotFoundException("Group");
            var wanted = await GroupRules.ResolveMembersAsync(db, command.MemberIds, ct);
            var current = group.Members.Select(m => m.UserId).ToHashSet();
            var added = wanted.Where(id => !current.Contains(id)).ToList();
            var removed = group.Members.Where(m => !wanted.Contains(m.UserId)).ToList();
            foreach (var member in removed)
            {
                group.Members.Remove(member);
            }

            group.Members.AddRange(added.Select(id => new GroupMember { GroupId = group.Id, UserId = id }));
            if (added.Count + removed.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(
                    new AuditRecord(AuditEventTypes.GroupMembersChanged, AuditOutcome.Succeeded,
                        [new AuditTarget("group", group.Id), .. added.Concat(removed.Select(m => m.UserId)).Select(id => new AuditTarget("user", id))],
                        new Dictionary<string, string>
                        {
                            ["added"] = added.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            ["removed"] = removed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        }),
                    ct);
            }

            return new GroupDto(group.Id, group.Name, wanted.Order().ToList());
        }
    }
}
