using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>Reading a secret is its own request, audited as "revealed", and never cached.</summary>
public static class RevealSecret
{
    public sealed record Command(Guid Id) : ICommand<SecretDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/secret", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(await mediator.Send(new Command(id), ct));
            })
            .WithSummary("Reveal a credential's secret values (audited).");

    internal sealed class Handler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, IAuditTrail audit)
        : ICommandHandler<Command, SecretDto>
    {
        public async ValueTask<SecretDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Use);
            var (credential, key, owner) = await credentials.LoadSecretsAsync(command.Id, keys, ct);
            var secret = credential.Reveal(key);
            await audit.RecordOnBothSidesAsync(owner, new AuditRecord(CredentialAuditEvents.Revealed, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, credential.Id, credential.Name)]), ct);
            return secret;
        }
    }
}
