using System.Text.Json;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Services;

/// <summary>
/// Writes each event into the log of the tenant that is ambient when it is recorded, on the
/// request's transaction: it refuses to write when no transaction is open, so an action and
/// its record always commit together.
/// </summary>
internal sealed class AuditTrail(
    ModuleDbContextFactory<AuditDbContext> contexts, DbSession session, ICurrentUser caller, TimeProvider clock) : IAuditTrail
{
    private readonly Dictionary<Guid, AuditDbContext> _byTenant = [];

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (session.Transaction is null)
        {
            throw new InvalidOperationException("Audit events are written inside the transaction of the action they record.");
        }

        var tenant = TenantContext.Current ?? throw new TenantIsolationException("An audit event needs a tenant.");
        if (!_byTenant.TryGetValue(tenant.Id, out var db))
        {
            db = _byTenant[tenant.Id] = contexts.Create();
        }

        var actor = record.Actor
            ?? (caller.Principal is { } p ? new AuditActor(p.UserId, p.DisplayName) : new AuditActor(null, "system"));
        db.Events.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Type = record.Type,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Ip = caller.IpAddress,
            UserAgent = caller.UserAgent,
            Outcome = record.Outcome,
            Details = record.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details) : null,
            Targets = record.Targets.Distinct().Select(t => new AuditEventTarget { Kind = t.Kind, TargetId = t.Id }).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
