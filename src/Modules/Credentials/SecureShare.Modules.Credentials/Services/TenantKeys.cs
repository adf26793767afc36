using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// Each tenant's data key: made with the tenant (same transaction), unwrapped by the master key
/// ring when a secret is written or read, and kept in clear only for the request.
/// </summary>
internal sealed class TenantKeys(MasterKeyRing masters, TimeProvider clock)
{
    private readonly Dictionary<Guid, DataKey> _open = [];

    /// <summary>The data key of the tenant <paramref name="db"/> was created in; made now if the tenant has none yet.</summary>
    public async Task<DataKey> ForAsync(CredentialsDbContext db, CancellationToken ct)
    {
        if (db.Tenant is { } tenant && _open.TryGetValue(tenant.Id, out var open))
        {
            return open;
        }

        return await ForAsync(db, await db.DataKeys.AsNoTracking().FirstOrDefaultAsync(ct), ct);
    }

    /// <summary>The same, from the tenant's key row when the caller has read it already (null: it has none yet).</summary>
    public async Task<DataKey> ForAsync(CredentialsDbContext db, TenantDataKey? row, CancellationToken ct)
    {
        var tenant = db.Tenant ?? throw new TenantIsolationException("A data key belongs to a tenant.");
        if (_open.TryGetValue(tenant.Id, out var open))
        {
            return open;
        }

        var key = row is null
            ? await CreateAsync(db, tenant, ct)
            : Envelope.Unwrap(new WrappedDataKey(row.Id, row.TenantId, row.MasterKeyId, row.Wrapped), masters);
        return _open[tenant.Id] = key;
    }

    public async Task<DataKey> CreateAsync(CredentialsDbContext db, TenantInfo tenant, CancellationToken ct)
    {
        var key = Envelope.NewDataKey(tenant.Id);
        var wrapped = Envelope.Wrap(key, masters.Current);
        db.DataKeys.Add(new TenantDataKey { Id = key.Id, MasterKeyId = wrapped.MasterKeyId, Wrapped = wrapped.Wrapped, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return _open[tenant.Id] = key;
    }
}

/// <summary>A new tenant gets its data key in the transaction that creates it.</summary>
internal sealed class CreateDataKeyOnTenantCreated(ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys)
    : INotificationHandler<TenantCreated>
{
    public async ValueTask Handle(TenantCreated notification, CancellationToken cancellationToken) =>
        await keys.CreateAsync(contexts.Create(), notification.Tenant, cancellationToken);
}
