using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// Set-based writes: any number of rows are inserted by one <c>INSERT … SELECT</c> over parameters
/// (PostgreSQL: a typed array per column, <c>unnest</c>ed; SQLite <c>json_each</c> and SQL Server
/// <c>OPENJSON</c> over one JSON parameter), so the statement count of a bulk action does not grow with its size.
/// Columns, types and value conversions come from the EF model; tenant-owned rows are stamped and
/// guarded as <see cref="ModuleDbContext"/> does on save.
/// </summary>
public static class BulkRows
{
    /// <summary>Inserts the rows in one statement in the context's (ambient) tenant; store-generated keys are left to the database.</summary>
    public static async Task<int> InsertManyAsync<T>(this ModuleDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        // Outside PostgreSQL the rows travel as one JSON text (blobs in hex) that the database parses again: a statement per
        // few megabytes keeps a large import's ciphertexts from sitting in memory three times over.
        var inserted = 0;
        foreach (var chunk in ProviderOf(db) == DatabaseProvider.PostgreSql ? [rows] : BulkPayload.Chunks(ColumnsOf(db.Model.FindEntityType(typeof(T))!), rows))
        {
            var (sql, parameters) = InsertStatement(db, chunk);
            inserted += await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }

        return inserted;
    }

    /// <summary>
    /// The INSERT of <see cref="InsertManyAsync"/> and its parameters, not yet sent, for a caller that sends it
    /// together with a statement of its own in one round trip; <paramref name="name"/> keeps their parameter names apart.
    /// </summary>
    public static (string Sql, DbParameter[] Parameters) InsertStatement<T>(ModuleDbContext db, IReadOnlyCollection<T> rows, string name = "rows")
        where T : class
    {
        StampTenant(db, rows);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {db.GetType().Name}.");
        var shape = Shapes.GetOrAdd(entity, e => (ColumnsOf(e), TableOf(db, e)));
        db.Session.NoteBulkRows(shape.Table, rows.Count);
        if (ProviderOf(db) == DatabaseProvider.PostgreSql)
        {
            return PostgreSqlInsert(db, entity, shape.Columns, rows, name);
        }

        var (sql, source) = Statements.GetOrAdd((entity, name), key => (InsertSql(db, key.Entity, out var built, key.Name), built));
        return (sql, source.Parameters(db, rows.Select(r => source.Columns.Select(c => c.ValueOf(r)))));
    }

    /// <summary>
    /// PostgreSQL: a column with the same value in every row (the tenant, the actor, the time of a bulk action…)
    /// goes as one scalar parameter, the others as typed arrays unnested side by side; a single row is all scalars.
    /// One statement text per entity and set of constant columns, so prepared statements are reused.
    /// </summary>
    private static (string Sql, DbParameter[] Parameters) PostgreSqlInsert<T>(
        ModuleDbContext db, IEntityType entity, IReadOnlyList<BulkColumn> columns, IReadOnlyCollection<T> rows, string name)
        where T : class
    {
        var values = columns.Select(_ => new object?[rows.Count]).ToArray();
        var r = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                values[c][r] = columns[c].ValueOf(row);
            }

            r++;
        }

        var constant = values.Select(v => v.Length == 1 || (v[0] is not byte[] && v.All(x => Equals(x, v[0])))).ToArray();
        if (rows.Count > 1 && constant.All(k => k))
        {
            constant[0] = false; // keep one array so the statement still yields a row per row
        }

        var mask = new string(constant.Select(k => k ? 'k' : 'a').ToArray());
        var sql = PostgreSqlStatements.GetOrAdd((entity, name, mask), key =>
        {
            var helper = db.GetService<ISqlGenerationHelper>();
            var arrays = columns.Select((c, i) => (c, i)).Where(x => !constant[x.i]).ToList();
            var select = string.Join(", ", columns.Select((c, i) => constant[i] ? $"@{name}{i}::{c.StoreType}" : $"x.c{i}"));
            var from = arrays.Count == 0 ? ""
                : $" FROM unnest({string.Join(", ", arrays.Select(x => $"@{name}{x.i}::{x.c.StoreType}[]"))}) AS x({string.Join(", ", arrays.Select(x => $"c{x.i}"))})";
            return $"INSERT INTO {TableOf(db, key.Entity)} ({string.Join(", ", columns.Select(c => helper.DelimitIdentifier(c.Name)))}) SELECT {select}{from}";
        });
        return (sql, columns.Select((column, i) => constant[i]
            ? new NpgsqlParameter($"{name}{i}", values[i][0] ?? DBNull.Value)
            : (DbParameter)new NpgsqlParameter($"{name}{i}", RowSource.TypedArray(column, values[i]))).ToArray());
    }

    /// <summary>Each entity's INSERT, built once: a model (and so its entity types) lives as long as the process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IEntityType Entity, string Name), (string Sql, RowSource Source)> Statements = new();

    /// <summary>On PostgreSQL, one INSERT per entity and set of constant columns (a mask of k and a).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IEntityType Entity, string Name, string Constants), string> PostgreSqlStatements = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, (IReadOnlyList<BulkColumn> Columns, string Table)> Shapes = new();

    private static string TableOf(DbContext db, IEntityType entity) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

    /// <summary>The columns of an entity's table that a bulk insert writes (all but store-generated keys).</summary>
    public static IReadOnlyList<BulkColumn> ColumnsOf(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties()
            .Where(p => !(p.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
            .Select(p => new BulkColumn(p, p.GetColumnName(table)!, p.GetColumnType(table)))
            .ToList();
    }

    /// <summary>The rows as a derived table <c>x</c> with columns c0, c1, … typed like <paramref name="columns"/>.</summary>
    public static RowSource Source(DbContext db, IReadOnlyList<BulkColumn> columns, string name = "rows")
    {
        var provider = ProviderOf(db);
        var defs = columns.Select((c, i) => (Name: $"c{i}", c.StoreType)).ToList();
        var sql = provider switch
        {
            // PostgreSQL: one typed array per column, unnested side by side (no JSON to parse).
            DatabaseProvider.PostgreSql =>
                $"unnest({string.Join(", ", defs.Select((d, i) => $"@{name}{i}::{d.StoreType}[]"))}) AS x({string.Join(", ", defs.Select(d => d.Name))})",
            // SQLite's JSON has no bytes: blobs travel as hex and are turned back by unhex().
            DatabaseProvider.Sqlite =>
                $"(SELECT {string.Join(", ", defs.Select(d => d.StoreType.Equals("BLOB", StringComparison.OrdinalIgnoreCase)
                    ? $"unhex(json_extract(value, '$.{d.Name}')) AS {d.Name}"
                    : $"json_extract(value, '$.{d.Name}') AS {d.Name}"))} FROM json_each(@{name})) AS x",
            DatabaseProvider.SqlServer =>
                $"OPENJSON(@{name}) WITH ({string.Join(", ", defs.Select(d => $"{d.Name} {d.StoreType} '$.{d.Name}'"))}) AS x",
            _ => throw new InvalidOperationException($"Unknown provider {provider}."),
        };
        return new RowSource(provider, sql, columns, name);
    }

    internal static string InsertSql(DbContext db, IEntityType entity, out RowSource source, string name = "rows")
    {
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var columns = ColumnsOf(entity);
        source = Source(db, columns, name);
        return $"INSERT INTO {TableOf(db, entity)} ({string.Join(", ", columns.Select(c => sqlHelper.DelimitIdentifier(c.Name)))}) "
            + $"SELECT {string.Join(", ", columns.Select((_, i) => $"x.c{i}"))} FROM {source.Sql}";
    }

    internal static DatabaseProvider ProviderOf(DbContext db) =>
        db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql
        : db.Database.IsSqlite() ? DatabaseProvider.Sqlite
        : db.Database.IsSqlServer() ? DatabaseProvider.SqlServer
        : throw new InvalidOperationException("Unknown database provider.");

    private static void StampTenant<T>(ModuleDbContext db, IEnumerable<T> rows)
    {
        if (!typeof(ITenantOwned).IsAssignableFrom(typeof(T)))
        {
            return;
        }

        var tenant = db.Tenant ?? throw new TenantIsolationException($"{typeof(T).Name} is tenant-owned but this context has no tenant.");
        if (TenantContext.Current is { } ambient && ambient.Id != tenant.Id)
        {
            throw new TenantIsolationException($"A {db.GetType().Name} made in one tenant is inserting inside another tenant's scope.");
        }

        foreach (ITenantOwned row in rows.Cast<ITenantOwned>())
        {
            if (row.TenantId != Guid.Empty && row.TenantId != tenant.Id)
            {
                throw new TenantIsolationException($"{typeof(T).Name} belongs to another tenant than this context's.");
            }

            row.TenantId = tenant.Id;
            row.FamilyId = tenant.FamilyId;
        }
    }
}

/// <summary>A column a bulk write fills: its EF property (for the value and its conversion) and its store name and type.</summary>
public sealed record BulkColumn(IProperty Property, string Name, string StoreType)
{
    public object? ValueOf(object row)
    {
        var value = (Property.PropertyInfo ?? throw new InvalidOperationException($"{Property.Name} has no CLR property to read."))
            .GetValue(row);
        var converter = Property.GetTypeMapping().Converter;
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }
}

/// <summary>A derived table <c>x</c> over the rows as parameters, to select from in an INSERT.</summary>
public sealed record RowSource(DatabaseProvider Provider, string Sql, IReadOnlyList<BulkColumn> Columns, string Name = "rows")
{
    /// <summary>
    /// The rows as parameters: on PostgreSQL one typed array per column (<c>@rows0</c>, <c>@rows1</c>, …); elsewhere
    /// one <c>@rows</c> JSON array of objects {c0, c1, …}. Values are in column order. ("rows" is the source's <see cref="Name"/>.)
    /// </summary>
    public DbParameter[] Parameters(DbContext db, IEnumerable<IEnumerable<object?>> rows) => Provider switch
    {
        DatabaseProvider.PostgreSql => ColumnArrays(rows),
        DatabaseProvider.Sqlite => [new SqliteParameter($"@{Name}", SqliteType.Text) { Value = JsonRows(rows) }],
        DatabaseProvider.SqlServer => [new SqlParameter($"@{Name}", SqlDbType.NVarChar, -1) { Value = JsonRows(rows) }],
        _ => throw new InvalidOperationException($"Unknown provider {Provider} for {db.GetType().Name}."),
    };

    private DbParameter[] ColumnArrays(IEnumerable<IEnumerable<object?>> rows)
    {
        var values = rows.Select(r => r.ToArray()).ToList();
        return Columns.Select((column, i) => (DbParameter)new NpgsqlParameter($"{Name}{i}", TypedArray(column, values.Select(v => v[i]).ToArray()))).ToArray();
    }

    /// <summary>A column's values as an array of its provider type (nullable where the column is), as Npgsql sends arrays.</summary>
    internal static Array TypedArray(BulkColumn column, object?[] values)
    {
        var mapping = column.Property.GetTypeMapping();
        var type = mapping.Converter?.ProviderClrType ?? column.Property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var element = type.IsValueType && column.Property.IsNullable ? typeof(Nullable<>).MakeGenericType(type) : type;
        var array = Array.CreateInstance(element, values.Length);
        for (var row = 0; row < values.Length; row++)
        {
            array.SetValue(values[row], row);
        }

        return array;
    }

    private string JsonRows(IEnumerable<IEnumerable<object?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                var i = 0;
                foreach (var value in row)
                {
                    json.WritePropertyName(ColumnNames[i++]);
                    WriteValue(json, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private string[] ColumnNames => field ??= Columns.Select((_, i) => $"c{i}").ToArray();

    private void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            // SQLite keeps Guids as upper-case text (EF's mapping); the other providers parse any case.
            case Guid g: json.WriteStringValue(Provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g.ToString()); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int n: json.WriteNumberValue(n); break;
            case long n: json.WriteNumberValue(n); break;
            case DateTimeOffset d: json.WriteStringValue(d); break;
            case DateTime d: json.WriteStringValue(d); break;
            // hex for SQLite's unhex(), base64 for OPENJSON's varbinary
            case byte[] bytes:
                json.WriteStringValue(Provider == DatabaseProvider.Sqlite ? Convert.ToHexString(bytes) : Convert.ToBase64String(bytes));
                break;
            default: throw new NotSupportedException($"A bulk row cannot carry a {value.GetType().Name}.");
        }
    }
}
