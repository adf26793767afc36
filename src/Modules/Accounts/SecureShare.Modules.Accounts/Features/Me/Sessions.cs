using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>A session of the caller's, as its owner sees it (never a token).</summary>
public sealed record SessionDto(
    Guid Id, SessionKind Kind, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? Ip, string? UserAgent, bool Current);

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
            .WithMetadata(AllowedBeforePasswordChange.Instance)
            .WithSummary("Sign out: end the caller's session (token or UI cookie).");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            await sessions.EndAsync(db.Sessions.Where(s => s.Id == me.SessionId && s.UserId == me.UserId), "signed out", ct);
            return Unit.Value;
        }
    }
}

/// <summary>The caller's live sessions, newest first, marking the one this request came with.</summary>
public static class ListMySessions
{
    public sealed record Query : IQuery<IReadOnlyList<SessionDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me/sessions", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Your live sessions: where and when they started, their last use.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, AuthOptions options, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<SessionDto>>
    {
        public async ValueTask<IReadOnlyList<SessionDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var now = clock.GetUtcNow();
            var idleSince = now - options.SessionIdleTimeout;
            var rows = await db.Sessions.AsNoTracking()
                .Where(s => s.UserId == me.UserId && s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
                .OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
            return rows.Select(s => new SessionDto(s.Id, s.Kind, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Ip, s.UserAgent, s.Id == me.SessionId)).ToList();
        }
    }
}

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

            await sessions.EndAsync(mine, "ended by its user", ct);
            return Unit.Value;
        }
    }
}

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
            .WithMetadata(AllowedBeforePasswordChange.Instance)
            .WithSummary("Sign out everywhere: end all your sessions, this one included.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, SessionLifetimes sessions) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            await sessions.EndAsync(db.Sessions.Where(s => s.UserId == me.UserId), "signed out everywhere", ct);
            return Unit.Value;
        }
    }
}
