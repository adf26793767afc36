using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Credentials;

public static class GetCredential
{
    public sealed record Query(Guid Id) : IQuery<CredentialDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("A credential's metadata (never a secret value).");

    internal sealed class Handler(VisibleCredentials credentials, ICurrentUser caller) : IQueryHandler<Query, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Query query, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(query.Id, ct);
            return visible.Credential.ToDto(caller.Required, visible.Entry);
        }
    }
}
