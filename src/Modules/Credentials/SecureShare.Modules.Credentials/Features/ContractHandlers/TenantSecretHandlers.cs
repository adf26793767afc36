using Mediator;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>Another module's secrets under the ambient tenant's data key (the key stays in this module).</summary>
internal sealed class TenantSecretHandlers(ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys)
    : ICommandHandler<SealTenantSecret, byte[]>, IQueryHandler<OpenTenantSecret, string>
{
    public async ValueTask<byte[]> Handle(SealTenantSecret command, CancellationToken ct) =>
        Envelope.Encrypt(await keys.ForAsync(contexts.Create(), ct), command.ObjectId, command.Field, command.Plaintext);

    public async ValueTask<string> Handle(OpenTenantSecret query, CancellationToken ct) =>
        Envelope.Decrypt(await keys.ForAsync(contexts.Create(), ct), query.ObjectId, query.Field, query.Ciphertext);
}
