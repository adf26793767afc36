using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Me;

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
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == me.Tenant.Id, ct);
            var idleSince = now - tenant.SessionIdleTimeout(options);
            var rows = await db.Sessions.AsNoTracking()
                .Where(s => s.UserId == me.UserId && s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
                .OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
            return rows.Select(s => new SessionDto(s.Id, s.Kind, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Ip, s.UserAgent, s.Id == me.SessionId)).ToList();
        }
    }
}
