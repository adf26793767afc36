using Mediator;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>Revokes the live link shares a user made in the ambient tenant, in one statement, each audited as revoked.</summary>
internal sealed class RevokeUserLinksHandler(ModuleDbContextFactory<CredentialsDbContext> contexts, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<RevokeUserLinks, int>
{
    public async ValueTask<int> Handle(RevokeUserLinks command, CancellationToken ct)
    {
        var links = contexts.Create().Links.Where(LinkStates.Live(clock.GetUtcNow())).Where(l => l.CreatedByUserId == command.UserId);
        return await LinkEndings.EndAsync(links, LinkAuditEvents.Revoked, clock.GetUtcNow(), audit, ct, command.Reason);
    }
}
