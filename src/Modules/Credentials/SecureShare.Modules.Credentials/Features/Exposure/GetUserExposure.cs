using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Exposure;

/// <summary>What one user of the tenant could still know: the offboarding report, across every tenant their reads reached.</summary>
public sealed record UserExposureDto(Guid UserId, string DisplayName, IReadOnlyList<ExposedTenant> Tenants);

/// <summary>Admin: the credentials a user of the own tenant read and that have not changed since, grouped by origin tenant.</summary>
public static class GetUserExposure
{
    public sealed record Query(Guid UserId) : IQuery<UserExposureDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users/{id}/exposure", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Admin: every credential a user of your tenant revealed or linked whose secret has not changed since, by origin tenant.");

    internal sealed class Handler(IMediator mediator, ExposureReport exposure, ICurrentUser caller) : IQueryHandler<Query, UserExposureDto>
    {
        public async ValueTask<UserExposureDto> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var name = (await mediator.Send(new FindUsers([query.UserId]), ct)).GetValueOrDefault(query.UserId) ?? throw new NotFoundException("User");
            return new UserExposureDto(query.UserId, name, await exposure.OfAsync(query.UserId, ct));
        }
    }
}
