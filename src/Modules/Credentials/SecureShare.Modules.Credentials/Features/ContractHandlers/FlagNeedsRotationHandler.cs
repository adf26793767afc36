using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>Shares that exposed these credentials ended: flag them in one statement, and let every entry of them show the flag.</summary>
internal sealed class FlagNeedsRotationHandler(ModuleDbContextFactory<CredentialsDbContext> contexts, IPublisher publisher) : ICommandHandler<FlagNeedsRotation, int>
{
    public async ValueTask<int> Handle(FlagNeedsRotation command, CancellationToken ct)
    {
        var ids = command.CredentialIds.Distinct().ToList();
        var flagged = await contexts.Create().Credentials.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.NeedsRotation, true), ct);
        await publisher.Publish(new CredentialsNeedRotation(ids), ct);
        return flagged;
    }
}
