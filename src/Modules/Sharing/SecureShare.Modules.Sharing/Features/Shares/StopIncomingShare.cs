using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>
/// A target tenant's Admin stops a share on their side ("disable sharing on this password"): the
/// credential leaves the target and stays with its origin, flagged "needs rotation" there.
/// </summary>
public static class StopIncomingShare
{
    public sealed record Command(Guid CredentialId) : ICommand<bool>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/incoming-shares/{credentialId}", async (Guid credentialId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(credentialId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Target side Admin: stop a credential shared into this tenant.");

    internal sealed class Handler(ICurrentUser caller, ITenantStore tenants, ISender mediator, ShareEnding ending) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var entry = await mediator.Send(new FindVisibleEntry(command.CredentialId), ct);
            if (entry is null || entry.SharingState != SharingState.In)
            {
                throw new NotFoundException("Incoming share");
            }

            var me = caller.Require(Ability.Administer);
            var origin = await tenants.FindAsync(entry.OriginTenantId, ct) ?? throw new NotFoundException("Incoming share");
            await ending.EndAsync(origin, me.Tenant, [command.CredentialId], ShareEnd.StoppedByTarget, ct);
            return true;
        }
    }
}
