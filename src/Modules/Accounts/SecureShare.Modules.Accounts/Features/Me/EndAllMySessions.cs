using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>"Sign out everywhere": every session of the caller ends, this one too, UI and API alike.</summary>
public static class EndAllMySessions
{
    public sealed record Command : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/me/sessions", async (IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(), ct);
                return TypedResults.NoContent();
            })
            .WithMetadata(AllowedInLimitedSession.BeforePasswordChange, AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Sign out everywhere: end all your sessions, this one included.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            await sessions.EndAsync(db, db.Sessions.Where(s => s.UserId == me.UserId), "signed out everywhere", ct);
            return Unit.Value;
        }
    }
}
