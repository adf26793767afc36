using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>Names of credentials of the ambient (origin) tenant, so events about them name them.</summary>
internal sealed class GetCredentialNamesHandler(ModuleDbContextFactory<CredentialsDbContext> contexts)
    : IQueryHandler<GetCredentialNames, IReadOnlyDictionary<Guid, string>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(GetCredentialNames query, CancellationToken ct)
    {
        var ids = query.CredentialIds.Distinct().ToList();
        return await contexts.Create().Credentials.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }) // never the ciphertexts
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }
}
