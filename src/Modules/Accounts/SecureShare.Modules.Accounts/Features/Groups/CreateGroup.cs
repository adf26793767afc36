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
            caller.Require(Ability.Administer);
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
                new AuditRecord(AccountAuditEvents.GroupCreated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Group, group.Id, group.Name)],
                    new Dictionary<string, string> { ["name"] = group.Name, ["members"] = members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return new GroupDto(group.Id, group.Name, members.Order().ToList());
        }
    }
}
