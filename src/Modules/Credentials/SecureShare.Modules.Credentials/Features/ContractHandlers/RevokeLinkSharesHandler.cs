using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>Revocation by scope: the ambient tenant's live links of some credentials, or all of them (sent from other tenants' requests).</summary>
internal sealed class RevokeLinkSharesHandler(ModuleDbContextFactory<CredentialsDbContext> contexts, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<RevokeLinkShares, int>
{
    public async ValueTask<int> Handle(RevokeLinkShares command, CancellationToken ct)
    {
        var db = contexts.Create();
        var links = db.Links.Where(LinkStates.Live(clock.GetUtcNow()));
        if (command.CredentialIds is { } ids)
        {
            links = links.Where(l => ids.Contains(l.CredentialId));
        }

        return await LinkEndings.EndAsync(links, LinkAuditEvents.Revoked, clock.GetUtcNow(), audit, ct, command.Reason);
    }
}
