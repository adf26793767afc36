using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Groups;

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
            caller.Require(Ability.Administer);
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
                var changed = added.Concat(removed.Select(m => m.UserId)).ToList();
                var names = await db.Users.Where(u => changed.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
                await audit.RecordAsync(
                    new AuditRecord(AccountAuditEvents.GroupMembersChanged, AuditOutcome.Succeeded,
                        [new AuditTarget(AuditTargetKinds.Group, group.Id, group.Name), .. changed.Select(id => new AuditTarget(AuditTargetKinds.User, id, names.GetValueOrDefault(id)))],
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
