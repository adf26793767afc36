using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Services;

/// <summary>
/// Writes events into the log of the tenant that is ambient when they are recorded, on the
/// request's transaction: it refuses to write when no transaction is open, so an action and
/// its record always commit together. However many events, it takes one command of two statements: the
/// events, then their targets joined to the events' generated sequence numbers.
/// </summary>
internal sealed class AuditTrail(
    ModuleDbContextFactory<AuditDbContext> contexts, DbSession session, ICurrentUser caller, TimeProvider clock) : IAuditTrail
{
    private readonly Dictionary<Guid, AuditDbContext> _byTenant = [];

    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken) => RecordManyAsync([record], cancellationToken);

    public async Task RecordManyAsync(IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (session.Transaction is null)
        {
            throw new InvalidOperationException("Audit events are written inside the transaction of the action they record.");
        }

        var tenant = TenantContext.Current ?? throw new TenantIsolationException("An audit event needs a tenant.");
        if (records.Count == 0)
        {
            return;
        }

        if (!_byTenant.TryGetValue(tenant.Id, out var db))
        {
            db = _byTenant[tenant.Id] = contexts.Create();
        }

        var at = clock.GetUtcNow();
        var events = records.Select(record =>
        {
            var actor = record.Actor
                ?? (caller.Principal is { } p ? new AuditActor(p.UserId, p.DisplayName, p.Tenant) : new AuditActor(null, "system"));
            var actorTenant = actor.Tenant ?? (actor.UserId is null ? null : tenant); // a user acting without a session acts in this tenant
            return (Event: new AuditEvent
            {
                At = at,
                TenantName = AuditNames.Clip(tenant.Name),
                Type = record.Type,
                ActorUserId = actor.UserId,
                ActorName = AuditNames.Clip(actor.Name),
                ActorTenantId = actorTenant?.Id,
                ActorTenantName = AuditNames.Clip(actorTenant?.Name),
                Ip = caller.IpAddress,
                UserAgent = caller.UserAgent,
                Outcome = record.Outcome,
                Details = record.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details) : null,
            }, record.Targets);
        }).ToList();

        // The events and their targets go to the database together, in one command. On PostgreSQL the targets
        // take their events' sequence numbers from the INSERT's RETURNING rows, not from lookups in the whole table.
        var (sql, parameters) = BulkRows.InsertStatement(db, events.Select(e => e.Event).ToList(), "events");
        var targets = events.SelectMany(e => e.Targets.DistinctBy(t => (t.Kind, t.Id)).Select(t => new object?[] { e.Event.Id, t.Kind, t.Id, AuditNames.Clip(t.Name) })).ToList();
        if (targets.Count > 0)
        {
            var (targetsSql, source, returning) = TargetsStatements.GetOrAdd(db.Model, _ => TargetsInsert(db));
            sql = returning is null ? $"{sql};\n{targetsSql}" : $"WITH e AS ({sql} RETURNING {returning})\n{targetsSql}";
            parameters = [.. parameters, .. source.Parameters(db, targets)];
        }

        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>The targets' INSERT, built once per model (one per provider).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, (string Sql, RowSource Source, string? Returning)> TargetsStatements = new();

    /// <summary>
    /// INSERT the targets, taking each event's sequence (and tenant) from the event row with the given id: on
    /// PostgreSQL from the events' INSERT … RETURNING (a CTE named e, with these columns), elsewhere from the table.
    /// </summary>
    private static (string Sql, RowSource Source, string? Returning) TargetsInsert(AuditDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var events = db.Model.FindEntityType(typeof(AuditEvent))!;
        var targets = db.Model.FindEntityType(typeof(AuditEventTarget))!;
        var eventsTable = StoreObjectIdentifier.Table(events.GetTableName()!, events.GetSchema());
        var targetsTable = StoreObjectIdentifier.Table(targets.GetTableName()!, targets.GetSchema());
        string E(string property) => sql.DelimitIdentifier(events.FindProperty(property)!.GetColumnName(eventsTable)!);
        string T(string property) => sql.DelimitIdentifier(targets.FindProperty(property)!.GetColumnName(targetsTable)!);
        BulkColumn Column(IEntityType entity, StoreObjectIdentifier table, string property)
        {
            var p = entity.FindProperty(property)!;
            return new BulkColumn(p, p.GetColumnName(table)!, p.GetColumnType(table));
        }

        var source = BulkRows.Source(db, [
            Column(events, eventsTable, nameof(AuditEvent.Id)),
            Column(targets, targetsTable, nameof(AuditEventTarget.Kind)),
            Column(targets, targetsTable, nameof(AuditEventTarget.TargetId)),
            Column(targets, targetsTable, nameof(AuditEventTarget.Name)),
        ], "targets");
        var text = $"INSERT INTO {sql.DelimitIdentifier(targets.GetTableName()!, targets.GetSchema())} "
            + $"({T(nameof(AuditEventTarget.EventSequence))}, {T(nameof(AuditEventTarget.Kind))}, {T(nameof(AuditEventTarget.TargetId))}, "
            + $"{T(nameof(AuditEventTarget.Name))}, {T(nameof(AuditEventTarget.TenantId))}, {T(nameof(AuditEventTarget.FamilyId))}) "
            + $"SELECT e.{E(nameof(AuditEvent.Sequence))}, x.c1, x.c2, x.c3, e.{E(nameof(AuditEvent.TenantId))}, e.{E(nameof(AuditEvent.FamilyId))} "
            + $"FROM {source.Sql} JOIN ";
        if (source.Provider == DatabaseProvider.PostgreSql)
        {
            var returning = string.Join(", ", new[] { nameof(AuditEvent.Sequence), nameof(AuditEvent.Id), nameof(AuditEvent.TenantId), nameof(AuditEvent.FamilyId) }.Select(E));
            return ($"{text}e ON e.{E(nameof(AuditEvent.Id))} = x.c0", source, returning);
        }

        return ($"{text}{sql.DelimitIdentifier(events.GetTableName()!, events.GetSchema())} e ON e.{E(nameof(AuditEvent.Id))} = x.c0", source, null);
    }
}
