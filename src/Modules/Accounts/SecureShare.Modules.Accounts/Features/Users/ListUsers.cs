using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Users;

public static class ListUsers
{
    public sealed record Query(int? Limit, string? Cursor) : IQuery<Page<UserDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(limit, cursor), ct)))
            .WithSummary("Admin: the users of the own tenant, by email.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<UserDto>>
    {
        public async ValueTask<Page<UserDto>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var rows = await db.Users
                .Where(u => after == null || string.Compare(u.NormalizedEmail, after) > 0)
                .OrderBy(u => u.NormalizedEmail)
                .Take(limit + 1)
                .ProjectToDto()
                .ToListAsync(ct);
            return Paging.ToPage(rows, limit, u => User.NormalizeEmail(u.Email));
        }
    }
}
