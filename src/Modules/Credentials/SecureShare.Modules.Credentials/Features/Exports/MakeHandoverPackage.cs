using System.Security.Cryptography;
using System.Text.Json;
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

/// <summary>A handover password's keys, as a password-protected export derives them (<see cref="ExportWriter.Iterations"/> rounds), for a client of the caller's MSP only.</summary>
internal sealed class DeriveHandoverKeyHandler(ITenantStore tenants, ICurrentUser caller) : IQueryHandler<DeriveHandoverKey, HandoverKey>
{
    public async ValueTask<HandoverKey> Handle(DeriveHandoverKey query, CancellationToken ct)
    {
        await HandoverClients.RequireAsync(tenants, caller.Require(Ability.Administer), query.ClientId, ct);
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        using var keys = BitwardenEncryptedJson.DeriveKeys(query.Password, salt, BitwardenEncryptedJson.Pbkdf2, ExportWriter.Iterations, null, null);
        return new HandoverKey(salt, ExportWriter.Iterations, [.. keys.Encryption], [.. keys.Authentication]);
    }
}

/// <summary>Holds a derived key in the MSP's tenant, under its data key, until its job makes the package (a day at most).</summary>
internal sealed class HoldHandoverKeyHandler(CredentialsDbContext db, TenantKeys keys, ITenantStore tenants, ICurrentUser caller, TimeProvider clock)
    : ICommandHandler<HoldHandoverKey, Guid>
{
    public async ValueTask<Guid> Handle(HoldHandoverKey command, CancellationToken ct)
    {
        var me = caller.Require(Ability.Administer);
        var client = await HandoverClients.RequireAsync(tenants, me, command.ClientId, ct);
        var plain = JsonSerializer.SerializeToUtf8Bytes(command.Key);
        try
        {
            var now = clock.GetUtcNow();
            var held = new HandoverPackage { ClientId = client.Id, ClientName = client.Name, CreatedBy = me.UserId, CreatedAt = now, ExpiresAt = now + HandoverPackageLimits.KeysKeptFor };
            held.Keys = Envelope.EncryptBytes(await keys.ForAsync(db, ct), held.Id, HandoverPackageLimits.KeysField, plain);
            db.HandoverPackages.Add(held);
            await db.SaveChangesAsync(ct);
            return held.Id;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>
/// The client's own credentials, read and decrypted inside the client's tenant (their export audited in its log), written
/// as a password-protected Bitwarden JSON file under the held keys, and kept in the MSP's tenant under its data key
/// (<see cref="HandoverPackage"/>); the held keys go, and so does any older package of the client.
/// </summary>
internal sealed class MakeHandoverPackageHandler(
    ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys, ISender sender, IAuditTrail audit, ICurrentUser caller, TimeProvider clock)
    : ICommandHandler<MakeHandoverPackage, int>
{
    public async ValueTask<int> Handle(MakeHandoverPackage command, CancellationToken ct)
    {
        var me = caller.Require(Ability.Administer);
        var client = command.Client;
        var mine = contexts.Create();
        var package = await mine.HandoverPackages.FirstOrDefaultAsync(h => h.Id == command.HandoverId && h.ClientId == client.Id && h.Keys != null, ct)
            ?? throw new GoneException("The handover password was given more than a day ago, or used: offboard again with it.");
        var mspKey = await keys.ForAsync(mine, ct);
        var plain = Envelope.DecryptBytes(mspKey, package.Id, HandoverPackageLimits.KeysField, package.Keys!);
        var held = JsonSerializer.Deserialize<HandoverKey>(plain)!;
        CryptographicOperations.ZeroMemory(plain);

        var now = clock.GetUtcNow();
        using var file = new MemoryStream();
        IReadOnlyList<ExportedCredential> items;
        using (TenantContext.Begin(client))
        {
            var scope = await sender.Send(new ListOwnPlacements(null), ct);
            var theirs = contexts.Create();
            items = await ExportCredentials.ItemsAsync(theirs, scope, ct);
            var plan = new ExportPlan(ExportFormat.BitwardenJsonEncrypted, null, await keys.ForAsync(theirs, ct), scope.Folders, items, client.Name, now);
            using var sealing = new ExportKeys(held.Encryption, held.Authentication); // cleared when disposed
            await ExportWriter.WriteSealedAsync(plan, sealing, held.Salt, held.Iterations, file, ct);
            await audit.RecordAsync(ExportCredentials.Exported(items, "handover", "(all)"), ct); // after the build: the write lock is taken last
        }

        (package.Cipher, package.Keys, package.Credentials, package.ClientName) = (Envelope.EncryptBytes(mspKey, package.Id, HandoverPackageLimits.Field, file.ToArray()), null, items.Count, client.Name);
        (package.CreatedAt, package.ExpiresAt) = (now, now + HandoverPackageLimits.KeptFor);
        await mine.HandoverPackages.Where(h => h.ClientId == client.Id && h.Id != package.Id).ExecuteDeleteAsync(ct);
        await mine.SaveChangesAsync(ct);
        return items.Count;
    }
}

/// <summary>Whose handover this is: a client of the caller's MSP that is not deleted; anything else a 404, as a missing one.</summary>
internal static class HandoverClients
{
    public static async Task<TenantInfo> RequireAsync(ITenantStore tenants, SessionPrincipal me, Guid clientId, CancellationToken ct) =>
        await tenants.FindCurrentAsync(clientId, ct) is { State: not TenantState.Deleted } client && client.IsClientOf(me.Tenant.Id)
            ? client
            : throw new NotFoundException("Client");
}
