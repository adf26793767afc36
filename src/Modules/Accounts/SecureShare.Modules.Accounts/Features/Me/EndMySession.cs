using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>Ends one of the caller's sessions (another device, say); someone else's is a 404 like a missing one.</summary>
public static class EndMySession
{
    public sealed record Command(Guid Id) : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/me/sessions/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("End one of your sessions.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var mine = db.Sessions.Where(s => s.Id == command.Id && s.UserId == me.UserId);
            if (!await mine.AnyAsync(ct))
            {
                throw new NotFoundException("Session");
            }

            await sessions.EndAsync(db, mine, "ended by its user", ct);
            return Unit.Value;
        }
    }
}
