using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.ImportFormats;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features.Exports;

/// <summary>A handover password's keys, as a password-protected export derives them (<see cref="ExportWriter.Iterations"/> rounds).</summary>
internal sealed class DeriveHandoverKeyHandler : IQueryHandler<DeriveHandoverKey, HandoverKey>
{
    public ValueTask<HandoverKey> Handle(DeriveHandoverKey query, CancellationToken ct)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var keys = BitwardenEncryptedJson.DeriveKeys(query.Password, salt, BitwardenEncryptedJson.Pbkdf2, ExportWriter.Iterations, null, null);
        return ValueTask.FromResult(new HandoverKey(salt, ExportWriter.Iterations, keys.Encryption, keys.Authentication));
    }
}

/// <summary>
/// The client's own credentials, read and decrypted inside the client's tenant (their export audited in its log), written
/// as a password-protected Bitwarden JSON file, and kept in the MSP's tenant under its data key (<see cref="HandoverPackage"/>).
/// </summary>
internal sealed class MakeHandoverPackageHandler(
    ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys, ISender sender, IAuditTrail audit, ICurrentUser caller, TimeProvider clock)
    : ICommandHandler<MakeHandoverPackage, int>
{
    public async ValueTask<int> Handle(MakeHandoverPackage command, CancellationToken ct)
    {
        var me = caller.Require(Ability.Administer);
        var client = command.Client;
        if (client.Kind != TenantKind.Client || client.ParentMspId != me.Tenant.Id)
        {
            throw new NotFoundException("Client");
        }

        var now = clock.GetUtcNow();
        using var file = new MemoryStream();
        int count;
        using (TenantContext.Begin(client))
        {
            var scope = await sender.Send(new ListOwnPlacements(null), ct);
            var theirs = contexts.Create();
            var items = await ExportCredentials.ItemsAsync(theirs, scope, ct);
            await audit.RecordAsync(ExportCredentials.Exported(items, "handover", "(all)"), ct);
            var plan = new ExportPlan(ExportFormat.BitwardenJsonEncrypted, null, await keys.ForAsync(theirs, ct), scope.Folders, items, client.Name, now);
            using var sealing = new ExportKeys([.. command.Key.Encryption], [.. command.Key.Authentication]);
            await ExportWriter.WriteSealedAsync(plan, sealing, command.Key.Salt, command.Key.Iterations, file, ct);
            count = items.Count;
        }

        var mine = contexts.Create();
        var id = Guid.CreateVersion7();
        var package = new HandoverPackage
        {
            Id = id,
            ClientId = client.Id,
            ClientName = client.Name,
            Credentials = count,
            Cipher = Envelope.EncryptBytes(await keys.ForAsync(mine, ct), id, HandoverPackageLimits.Field, file.ToArray()),
            CreatedBy = me.UserId,
            CreatedAt = now,
            ExpiresAt = now + HandoverPackageLimits.KeptFor,
        };
        await mine.HandoverPackages.Where(h => h.ClientId == client.Id).ExecuteDeleteAsync(ct);
        mine.HandoverPackages.Add(package);
        await mine.SaveChangesAsync(ct);
        return count;
    }
}
