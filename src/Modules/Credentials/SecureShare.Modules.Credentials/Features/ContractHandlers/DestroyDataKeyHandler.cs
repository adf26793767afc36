using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>Deletes the ambient tenant's wrapped data key: the only copy outside backups.</summary>
internal sealed class DestroyDataKeyHandler(ModuleDbContextFactory<CredentialsDbContext> contexts) : ICommandHandler<DestroyDataKey, bool>
{
    public async ValueTask<bool> Handle(DestroyDataKey command, CancellationToken ct) =>
        await contexts.Create().DataKeys.ExecuteDeleteAsync(ct) > 0;
}
