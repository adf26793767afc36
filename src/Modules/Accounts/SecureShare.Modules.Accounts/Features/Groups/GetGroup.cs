using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Groups;

public static class GetGroup
{
    public sealed record Query(Guid Id) : IQuery<GroupDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/groups/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Admin or Technician: one security group of the own tenant.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, GroupDto>
    {
        public async ValueTask<GroupDto> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.ManageCredentials);
            return await GroupRules.LoadAsync(db, query.Id, ct) ?? throw new NotFoundException("Group");
        }
    }
}
