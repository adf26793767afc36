using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>What offboarding did: the links it revoked and, by origin tenant, the credentials it flagged to rotate.</summary>
public sealed record OffboardResultDto(Guid UserId, int LinksRevoked, IReadOnlyList<ExposedTenant> Flagged);

/// <summary>
/// Admin: a user leaves, in one transaction: disabled and signed out everywhere (a new security stamp), their link
/// shares revoked, and every credential they could still know (read since its secret last changed, in any tenant of
/// the family) flagged to rotate in its origin tenant — audited in each tenant it touches.
/// </summary>
public static class OffboardUser
{
    public sealed record Command(Guid Id) : ICommand<OffboardResultDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id}/offboard", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Command(id), ct)))
            .WithSummary("Admin: disable a user of your tenant, end their sessions and links, and flag every credential they could still know for rotation.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, IMediator mediator, IAuditTrail audit) : ICommandHandler<Command, OffboardResultDto>
    {
        public async ValueTask<OffboardResultDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Id, ct) ?? throw new NotFoundException("User");
            if (user.Id == me.UserId)
            {
                throw new ConflictException("You cannot offboard yourself; another Admin can.");
            }

            await LastAdmin.EnsureAnotherAsync(db, user, ct);

            user.IsDisabled = true;
            user.RenewSecurityStamp();
            await db.SaveChangesAsync(ct);
            var links = await mediator.Send(new RevokeUserLinks(user.Id, "its maker was offboarded"), ct);
            var flagged = await mediator.Send(new FlagExposedCredentials(user.Id, user.DisplayName, $"{user.DisplayName} was offboarded"), ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.UserOffboarded, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)], new Dictionary<string, string>
                {
                    ["linksRevoked"] = links.ToString(CultureInfo.InvariantCulture),
                    ["credentialsFlagged"] = flagged.Sum(t => t.Credentials.Count).ToString(CultureInfo.InvariantCulture),
                    ["tenants"] = flagged.Count.ToString(CultureInfo.InvariantCulture),
                }),
                ct);
            return new OffboardResultDto(user.Id, links, flagged);
        }
    }
}
