using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Users;

public static class GetUser
{
    public sealed record Query(Guid Id) : IQuery<UserDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Admin: one user of the own tenant.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, UserDto>
    {
        public async ValueTask<UserDto> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            return await db.Users.Where(u => u.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("User");
        }
    }
}
