using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.ApiKeys;

/// <summary>The live API keys the caller may revoke, with their last use: their own, and for an Admin every key of the tenant.</summary>
public static class ListApiKeys
{
    public sealed record Query : IQuery<IReadOnlyList<ApiKeyDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/api-keys", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Live API keys with their last use: yours, and for an Admin every key of the tenant.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<ApiKeyDto>>
    {
        public async ValueTask<IReadOnlyList<ApiKeyDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var now = clock.GetUtcNow();
            var keys = db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null);
            if (!me.Can(Ability.Administer))
            {
                keys = keys.Where(k => k.OwnerUserId == me.UserId);
            }

            var rows = await keys.OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
            return rows.Where(k => k.ExpiresAt is null || k.ExpiresAt > now).Select(k => k.ToDto()).ToList();
        }
    }
}
