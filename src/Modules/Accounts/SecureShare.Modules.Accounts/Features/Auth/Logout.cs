using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>Signing out ends the session on the server: its token or cookie is refused from the next request on.</summary>
public static class Logout
{
    public sealed record Command : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/logout", async (IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(), ct);
                return TypedResults.NoContent();
            })
            .WithMetadata(AllowedInLimitedSession.BeforePasswordChange, AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Sign out: end the caller's session (token or UI cookie).");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            await sessions.EndAsync(db, db.Sessions.Where(s => s.Id == me.SessionId && s.UserId == me.UserId), "signed out", ct);
            return Unit.Value;
        }
    }
}
