using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>
/// An ownership move along the MSP–client edge: an origin Admin hands a credential to its client for good (or a client to
/// its MSP). Its secret values, versions and file keys are sealed again under the new owner's data key, so nothing of it
/// stays readable with the old one; its rows, files and quota become the new owner's; its links end; the old owner keeps
/// an Edit share only when asked. Both tenants' logs record it, in one transaction.
/// </summary>
public static class TransferCredential
{
    public sealed record Body(Guid? ToTenantId, bool KeepShare = false);

    public sealed record Command(Guid Id, Guid? ToTenantId, bool KeepShare) : ICommand<Result>, IAuditsRefusals;

    /// <summary>Who owns the credential now, whether the old owner kept a share, and how many links ended.</summary>
    public sealed record Result(Guid CredentialId, Guid OwnerTenantId, string OwnerTenantName, bool KeptShare, int LinksRevoked);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/credentials/{id}/transfer", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(id, body.ToTenantId, body.KeepShare), ct)))
            .WithSummary("Origin Admin: hand a credential to the MSP or one of its clients for good (re-encrypted under the new owner's key).")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ToTenantId).NotNull().WithMessage("Name the tenant that is to own the credential (toTenantId).");
    }

    internal sealed class Handler(
        VisibleCredentials credentials, ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys, FileQuota quota, IFileStore store,
        DbSession session, ICurrentUser caller, ITenantStore tenants, IAuditTrail audit, IMediator mediator)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var visible = await credentials.LoadAsync(command.Id, ct);
            if (visible.Credential.TenantId != me.Tenant.Id)
            {
                throw new ForbiddenException("Only the tenant that owns this credential may hand it over.");
            }

            var (db, id, name) = (visible.Owner, visible.Credential.Id, visible.Credential.Name);
            var owner = await mediator.Send(new HandOverShares(id, command.ToTenantId!.Value, command.KeepShare), ct);
            var links = await LinkEndings.RevokeEverywhereAsync(db, tenants, mediator, id, "ownership moved", ct);
            CredentialsDbContext theirs;
            using (TenantContext.Begin(owner))
            {
                theirs = contexts.Create();
            }

            var (from, to) = (await keys.ForAsync(db, ct), await keys.ForAsync(theirs, ct));
            await MoveSecretsAsync(db, id, from, to, ct);
            var files = await MoveFilesAsync(db, theirs, id, from, to, ct);
            foreach (var fileId in files)
            {
                if (await store.CopyToOwnerAsync(me.Tenant, owner, fileId, ct))
                {
                    await session.AfterCommitAsync(() => store.PurgeAsync(me.Tenant, fileId, CancellationToken.None));
                }
            }

            await mediator.Send(new HandOverEntries(id, owner, command.KeepShare), ct);
            var details = new Dictionary<string, string> { ["from"] = me.Tenant.Name, ["to"] = owner.Name, ["keptShare"] = command.KeepShare ? "true" : "false" };
            var targets = new[] { new AuditTarget(AuditTargetKinds.Credential, id, name) };
            await audit.RecordAsync(new AuditRecord(CredentialAuditEvents.HandedOver, AuditOutcome.Succeeded, [.. targets, new AuditTarget(AuditTargetKinds.Tenant, owner.Id, owner.Name)], details), ct);
            using (TenantContext.Begin(owner))
            {
                await audit.RecordAsync(new AuditRecord(CredentialAuditEvents.TakenOver, AuditOutcome.Succeeded, [.. targets, new AuditTarget(AuditTargetKinds.Tenant, me.Tenant.Id, me.Tenant.Name)], details), ct);
            }

            return new Result(id, owner.Id, owner.Name, command.KeepShare, links);
        }

        /// <summary>The credential's row, custom fields, tags and versions become the new owner's, every ciphertext sealed again under its key.</summary>
        private static async Task MoveSecretsAsync(CredentialsDbContext db, Guid id, DataKey from, DataKey to, CancellationToken ct)
        {
            byte[]? Reseal(byte[]? cipher, string field)
            {
                if (cipher is null)
                {
                    return null;
                }

                var plain = Envelope.DecryptBytes(from, id, field, cipher);
                try
                {
                    return Envelope.EncryptBytes(to, id, field, plain);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(plain);
                }
            }

            var owner = to.TenantId;
            var row = await db.Credentials.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.SecretCipher, c.NotesCipher, c.TotpSeedCipher }).SingleAsync(ct);
            var (secret, notes, totp) = (Reseal(row.SecretCipher, SecretFields.Secret), Reseal(row.NotesCipher, SecretFields.Notes), Reseal(row.TotpSeedCipher, SecretFields.TotpSeed));
            foreach (var field in await db.CustomFields.AsNoTracking().Where(f => f.CredentialId == id && f.ValueCipher != null).Select(f => new { f.Id, f.ValueCipher }).ToListAsync(ct))
            {
                var cipher = Reseal(field.ValueCipher, SecretFields.Custom(field.Id));
                await db.CustomFields.Where(f => f.Id == field.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ValueCipher, cipher), ct);
            }

            foreach (var version in await db.Versions.AsNoTracking().Where(v => v.CredentialId == id).Select(v => new { v.Id, v.Version, v.Cipher }).ToListAsync(ct))
            {
                var cipher = Reseal(version.Cipher, SecretFields.Version(version.Version))!;
                await db.Versions.Where(v => v.Id == version.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Cipher, cipher).SetProperty(v => v.TenantId, owner), ct);
            }

            await db.CustomFields.Where(f => f.CredentialId == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.TenantId, owner), ct);
            await db.Tags.Where(t => t.CredentialId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.TenantId, owner), ct);
            await db.Credentials.Where(c => c.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(c => c.TenantId, owner).SetProperty(c => c.SecretCipher, secret).SetProperty(c => c.NotesCipher, notes).SetProperty(c => c.TotpSeedCipher, totp),
                ct);
        }

        /// <summary>
        /// The credential's attachments, their versions and stored files become the new owner's: each file's key sealed again,
        /// its chunks (sealed under that key) kept; the bytes move from the old owner's quota to the new owner's (413 when they do not fit).
        /// </summary>
        private async Task<List<Guid>> MoveFilesAsync(CredentialsDbContext db, CredentialsDbContext theirs, Guid id, DataKey from, DataKey to, CancellationToken ct)
        {
            var attachments = db.Attachments.Where(a => a.CredentialId == id);
            var fileIds = await StoredFiles.FilesOf(db, attachments).ToListAsync(ct);
            if (fileIds.Count == 0)
            {
                return fileIds;
            }

            var owner = to.TenantId;
            var files = await db.StoredFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id)).Select(f => new { f.Id, f.SealedKey, f.Size, f.State }).ToListAsync(ct);
            var bytes = files.Where(f => f.State == Domain.StoredFileState.Stored).Sum(f => f.Size);
            await quota.TakeAsync(theirs, bytes, ct);
            await FileQuota.ReleaseAsync(db, bytes, ct);
            foreach (var file in files)
            {
                var sealedKey = FileCipher.Reseal(from, to, file.Id, file.SealedKey!);
                await db.StoredFiles.Where(f => f.Id == file.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.SealedKey, sealedKey).SetProperty(f => f.TenantId, owner), ct);
            }

            await db.FileChunks.Where(c => fileIds.Contains(c.FileId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.TenantId, owner), ct);
            await db.AttachmentVersions.Where(v => attachments.Any(a => a.Id == v.AttachmentId)).ExecuteUpdateAsync(s => s.SetProperty(v => v.TenantId, owner), ct);
            await attachments.ExecuteUpdateAsync(s => s.SetProperty(a => a.TenantId, owner), ct);
            return fileIds;
        }
    }
}
