using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Groups;

public static class ListGroups
{
    public sealed record Query(int? Limit, string? Cursor) : IQuery<Page<GroupDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/groups", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(limit, cursor), ct)))
            .WithSummary("Admin or Technician: the security groups of the own tenant, by name.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<GroupDto>>
    {
        public async ValueTask<Page<GroupDto>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.ManageCredentials);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var groups = await db.Groups
                .Where(g => after == null || string.Compare(g.NormalizedName, after) > 0)
                .OrderBy(g => g.NormalizedName)
                .Take(limit + 1)
                .Select(g => new { g.Id, g.Name, g.NormalizedName })
                .ToListAsync(ct);
            var page = Paging.ToPage(groups, limit, g => g.NormalizedName);
            var ids = page.Items.Select(g => g.Id).ToList();
            var members = (await db.GroupMembers.Where(m => ids.Contains(m.GroupId)).Select(m => new { m.GroupId, m.UserId }).ToListAsync(ct))
                .ToLookup(m => m.GroupId, m => m.UserId);
            return new Page<GroupDto>(
                page.Items.Select(g => new GroupDto(g.Id, g.Name, members[g.Id].Order().ToList())).ToList(),
                page.NextCursor);
        }
    }
}
