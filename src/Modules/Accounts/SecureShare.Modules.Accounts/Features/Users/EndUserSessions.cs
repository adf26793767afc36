using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>Admin: ends every session of another user of the own tenant (a lost laptop); each end is audited. Answers how many ended.</summary>
public static class EndUserSessions
{
    public sealed record Command(Guid UserId) : ICommand<Response>;

    public sealed record Response(int Ended);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/users/{id}/sessions", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Command(id), ct)))
            .WithSummary("Admin: end every session of a user of your tenant.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            if (!await db.Users.AnyAsync(u => u.Id == command.UserId, ct))
            {
                throw new NotFoundException("User");
            }

            return new Response(await sessions.EndAsync(db, db.Sessions.Where(s => s.UserId == command.UserId), "ended by an admin", ct));
        }
    }
}
