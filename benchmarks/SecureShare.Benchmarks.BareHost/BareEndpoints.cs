using System.Data.Common;
using System.Net;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Features.Placements;

namespace SecureShare.Benchmarks.BareHost;

/// <summary>
/// The benchmark's yardstick, only in this benchmark host (never in the shipped one), answering
/// loopback callers only: the same list page and the same reveal as the API, as hand-written SQL and the
/// same decryption, written as the same JSON, with none of the application's layers (no session check,
/// no mediator, no tenant scope). The reveal writes its audit event in the same transaction, as every
/// reveal must. PostgreSQL only. The harness divides the API's latency by these.
/// </summary>
public static class BareEndpoints
{
    public static void MapBareEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/bench/bare").AllowAnonymous().AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? await next(context) : Results.NotFound());

        // The list page an Admin gets for ?tag=&sort=-name&limit=&cursor=, one query.
        group.MapGet("/credentials", async (Guid tenantId, string tag, int limit, string? cursor, DatabaseOptions options, CancellationToken ct) =>
        {
            await using var connection = options.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = ListSql(cursor is not null);
            Add(command, "t", tenantId);
            Add(command, "tag", tag.ToUpperInvariant());
            Add(command, "n", limit + 1);
            if (Paging.Decode(cursor) is { } after)
            {
                Add(command, "after", after);
            }

            var rows = new List<(string Key, CredentialListItem Item)>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var tags = reader.GetString(13);
                    rows.Add((reader.GetString(14), new CredentialListItem(
                        reader.GetGuid(0), Enum.Parse<CredentialKind>(reader.GetString(1)), reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                        tags.Length == 0 ? [] : tags.Split('\n'), reader.IsDBNull(5) ? null : reader.GetGuid(5),
                        new ListOrigin(reader.GetGuid(6), reader.GetString(7)), new ListSharing(WireName.Parse<SharingState>(reader.GetString(8))!.Value, reader.GetInt32(9)),
                        Enum.Parse<EntryPermission>(reader.GetString(10)).For(UserRole.Admin), reader.GetBoolean(11), reader.GetFieldValue<DateTimeOffset>(12))));
                }
            }

            var page = Paging.ToPage(rows, limit, r => r.Key);
            return Results.Ok(new Page<CredentialListItem>(page.Items.Select(r => r.Item).ToList(), page.NextCursor));
        });

        // The reveal: the credential's ciphertexts and its tenant's wrapped data key in one query, unwrapped and
        // decrypted as the API does, and the reveal's audit event (with its target) written in the same
        // transaction, as the product requires of every reveal.
        group.MapGet("/credentials/{id:guid}/secret", async (Guid id, Guid tenantId, DatabaseOptions options, MasterKeyRing masters, CancellationToken ct) =>
        {
            await using var connection = options.CreateConnection();
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            object? secret;
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    SELECT c."SecretCipher", c."NotesCipher", c."TotpSeedCipher", k."Id", k."MasterKeyId", k."Wrapped"
                    FROM credentials.credentials c JOIN credentials.tenant_keys k ON k."TenantId" = c."TenantId"
                    WHERE c."TenantId" = @t AND c."Id" = @id
                    """;
                Add(command, "t", tenantId);
                Add(command, "id", id);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct))
                {
                    return Results.NotFound();
                }

                var key = Envelope.Unwrap(new WrappedDataKey(reader.GetGuid(3), tenantId, reader.GetString(4), reader.GetFieldValue<byte[]>(5)), masters);
                string? Open(int column, string field) =>
                    reader.IsDBNull(column) ? null : Envelope.Decrypt(key, id, field, reader.GetFieldValue<byte[]>(column));
                secret = new { secret = Open(0, "secret"), notes = Open(1, "notes"), totpSeed = Open(2, "totp"), customFields = Array.Empty<object>() };
            }

            await using (var audit = connection.CreateCommand())
            {
                audit.Transaction = transaction;
                audit.CommandText = """
                    WITH e AS (
                      INSERT INTO audit.events ("Id", "TenantId", "FamilyId", "TenantName", "At", "Type", "ActorUserId", "ActorName", "ActorTenantId", "ActorTenantName", "Outcome")
                      VALUES (gen_random_uuid(), @t, @t, 'bare tenant', now(), 'credential.revealed', @t, 'bare', @t, 'bare tenant', 'Succeeded')
                      RETURNING "Sequence", "TenantId", "FamilyId")
                    INSERT INTO audit.event_targets ("EventSequence", "Kind", "TargetId", "Name", "TenantId", "FamilyId")
                    SELECT e."Sequence", 'credential', @id, 'bare credential', e."TenantId", e."FamilyId" FROM e
                    """;
                Add(audit, "t", tenantId);
                Add(audit, "id", id);
                await audit.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return Results.Ok(secret);
        });
    }

    /// <summary>The list query the harness also times on its own (the raw SQL figure).</summary>
    public static string ListSql(bool withCursor) => $"""
        SELECT e."CredentialId", e."Kind", e."Name", e."Username", e."Url", e."FolderId", e."OriginTenantId", e."OriginTenantName",
               e."SharingState", e."SharedTenantCount", e."Permission", e."NeedsRotation", e."UpdatedAt", e."TagList", e."SortKey"
        FROM folders.credential_entries e
        WHERE e."TenantId" = @t
          AND EXISTS (SELECT 1 FROM folders.credential_entry_tags g WHERE g."TenantId" = e."TenantId" AND g."CredentialId" = e."CredentialId" AND g."NormalizedTag" = @tag)
          {(withCursor ? "AND e.\"SortKey\" < @after" : "")}
        ORDER BY e."SortKey" DESC
        LIMIT @n
        """;

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
