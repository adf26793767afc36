using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace SecureShare.Benchmarks;

/// <summary>The limits the same work has without the application: raw batched SQL against the modules' tables.</summary>
internal sealed partial class Harness
{
    /// <summary>
    /// The database's own limit for a bulk action: the same share rows and the same audit rows (an event
    /// per credential on each side, with its two targets, and its link of the hash chain) as one batch of
    /// array-parameter statements, committed; then the same rows updated; then deleted with their stop audit.
    /// Median of 3. The audit rows go to two tenants of their own, so their chains never meet the sealer's.
    /// </summary>
    private async Task<(double Insert, double Update, double Delete)> RawBulkAsync(Guid origin, Guid target, List<Guid> credentialIds)
    {
        var insert = new List<double>();
        var update = new List<double>();
        var delete = new List<double>();
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        for (var round = 0; round < 3; round++)
        {
            insert.Add(await TimedAsync(connection, [
                (InsertShares, null),
                .. AuditSql("share.created"),
            ], origin, target, credentialIds));
            update.Add(await TimedAsync(connection, [
                (UpdateShares, null),
                .. AuditSql("share.updated"),
            ], origin, target, credentialIds));
            delete.Add(await TimedAsync(connection, [
                (DeleteShares, null),
                .. AuditSql("share.stopped"),
            ], origin, target, credentialIds));
        }

        return (Median(insert), Median(update), Median(delete));
    }

    private static readonly Guid RawAuditOrigin = Guid.NewGuid();

    private static readonly Guid RawAuditTarget = Guid.NewGuid();

    private const string InsertShares = """
        INSERT INTO sharing.shares ("TenantId", "CredentialId", "TargetTenantId", "FamilyId", "Permission", "AudienceEveryone", "CreatedAt", "CreatedByUserId", "CreatedByName", "UpdatedAt")
        SELECT @origin, c, @target, @origin, 'View', true, now(), @origin, 'raw', now() FROM unnest(@ids) c
        """;

    private const string UpdateShares = """
        UPDATE sharing.shares SET "Permission" = 'Edit', "UpdatedAt" = now()
        WHERE "TenantId" = @origin AND "TargetTenantId" = @target AND "CredentialId" = ANY(@ids)
        """;

    private const string DeleteShares = """
        DELETE FROM sharing.shares WHERE "TenantId" = @origin AND "TargetTenantId" = @target AND "CredentialId" = ANY(@ids)
        """;

    /// <summary>An audit event per credential in each tenant with the names of the time, each event's named targets, and its link (the hash of its id for a hash).</summary>
    private static IEnumerable<(string Sql, string? Type)> AuditSql(string type)
    {
        foreach (var (tenant, other) in new[] { ("@auditOrigin", "@auditTarget"), ("@auditTarget", "@auditOrigin") })
        {
            yield return ($"""
                WITH src AS (SELECT gen_random_uuid() AS id, c FROM unnest(@ids) c),
                e AS (
                  INSERT INTO audit.events ("Id", "TenantId", "FamilyId", "TenantName", "At", "Type", "ActorUserId", "ActorName", "ActorTenantId", "ActorTenantName", "Outcome")
                  SELECT src.id, {tenant}, @auditOrigin, 'Raw tenant', now(), '{type}', @origin, 'Raw technician', @auditOrigin, 'Raw MSP', 'Succeeded' FROM src
                  RETURNING "Sequence", "Id", "TenantId", "FamilyId"),
                t AS (
                  INSERT INTO audit.event_targets ("EventSequence", "Kind", "TargetId", "Name", "TenantId", "FamilyId")
                  SELECT e."Sequence", 'credential', src.c, 'Raw credential name', e."TenantId", e."FamilyId" FROM e JOIN src ON src.id = e."Id"
                  UNION ALL
                  SELECT e."Sequence", 'tenant', {other}, 'Raw tenant', e."TenantId", e."FamilyId" FROM e)
                INSERT INTO audit.chain_links ("TenantId", "Index", "EventSequence", "EventId", "Hash", "SealedAt", "FamilyId")
                SELECT e."TenantId", (SELECT COALESCE(MAX("Index"), 0) FROM audit.chain_links WHERE "TenantId" = {tenant}) + row_number() OVER (ORDER BY e."Sequence"),
                  e."Sequence", e."Id", sha256(convert_to(e."Id"::text, 'UTF8')), now(), e."FamilyId" FROM e
                """, type);
        }
    }

    private static async Task<double> TimedAsync(NpgsqlConnection connection, IEnumerable<(string Sql, string? Type)> statements, Guid origin, Guid target, List<Guid> ids)
    {
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (sql, _) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("origin", origin);
            command.Parameters.AddWithValue("target", target);
            command.Parameters.AddWithValue("auditOrigin", RawAuditOrigin);
            command.Parameters.AddWithValue("auditTarget", RawAuditTarget);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The list page's SQL alone, from this process: the floor under both the API and the bare endpoint.</summary>
    private async Task<double> RawListSqlAsync(Guid tenant, string? after)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        var times = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            await using var command = new NpgsqlCommand(SecureShare.Benchmarks.BareHost.BareEndpoints.ListSql(after is not null), connection);
            command.Parameters.AddWithValue("t", tenant);
            command.Parameters.AddWithValue("tag", "TAG-3");
            command.Parameters.AddWithValue("n", 51);
            if (after is not null)
            {
                command.Parameters.AddWithValue("after", after);
            }

            var watch = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Median(times.Skip(5).ToList());
    }
}
