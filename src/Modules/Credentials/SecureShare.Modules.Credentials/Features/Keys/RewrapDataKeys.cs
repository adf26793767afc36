using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Features.Keys;

/// <summary>
/// Master key rotation: every tenant data key not yet wrapped by the ring's current master key is
/// unwrapped (by a previous key of the ring) and wrapped again by the current one, in one
/// transaction, audited in each tenant. Secrets themselves are not touched: their ciphertexts
/// depend on the data keys only. Run by the operator command `rotate-master-key`.
/// </summary>
public static class RewrapDataKeys
{
    public sealed record Command(MasterKeyRing Ring) : ICommand<int>;

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, ITenantStore tenants, IAuditTrail audit)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var current = command.Ring.Current;

            // Deliberate bypass: rotation spans every tenant; it reads key rows only and writes each inside its tenant.
            var stale = await db.DataKeys.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(k => k.MasterKeyId != current.Id)
                .Select(k => new { k.Id, k.TenantId, k.MasterKeyId, k.Wrapped })
                .ToListAsync(ct);

            foreach (var key in stale)
            {
                var tenant = await tenants.FindAsync(key.TenantId, ct) ?? throw new TenantNotFoundException(key.TenantId);
                using var scope = TenantContext.Begin(tenant);
                var open = Envelope.Unwrap(new WrappedDataKey(key.Id, key.TenantId, key.MasterKeyId, key.Wrapped), command.Ring);
                var rewrapped = Envelope.Wrap(open, current);
                await contexts.Create().DataKeys
                    .Where(k => k.Id == key.Id && k.MasterKeyId == key.MasterKeyId)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.MasterKeyId, rewrapped.MasterKeyId).SetProperty(k => k.Wrapped, rewrapped.Wrapped), ct);
                await audit.RecordAsync(
                    new AuditRecord(CredentialAuditEvents.DataKeyRewrapped, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.DataKey, key.Id)],
                        new Dictionary<string, string> { ["from"] = key.MasterKeyId, ["to"] = current.Id }, new AuditActor(null, "platform operator")),
                    ct);
            }

            return stale.Count;
        }
    }
}
