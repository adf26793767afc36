using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Respawn;
using Respawn.Graph;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Testing;

/// <summary>
/// A real database for one test collection: a SQLite file, or a PostgreSQL database on the
/// server that scripts/test.sh starts (SECURESHARE_TEST_POSTGRES). Respawn empties every
/// module table between tests and keeps the migration history.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public static readonly string[] ModuleSchemas = ["accounts", "audit", "credentials", "folders", "sharing"];

    private Respawner? _respawner;

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract Task CreateAsync();

    public abstract ValueTask DisposeAsync();

    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString };

    public DbConnection OpenConnection()
    {
        var connection = Options.CreateConnection();
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Empties every module table (after the schema exists; the app migrates it at start). The audit tables refuse
    /// deletes unless their maintenance gate holds a row, so one is committed for the reset and removed after it.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var connection = OpenConnection();
        _respawner ??= await Respawner.CreateAsync(connection, RespawnOptions());
        await ExecuteAsync(connection, $"INSERT INTO {AuditGate} VALUES ('{Guid.NewGuid()}', 'test reset')");
        try
        {
            await _respawner.ResetAsync(connection);
        }
        finally
        {
            await ExecuteAsync(connection, $"DELETE FROM {AuditGate}");
        }
    }

    /// <summary>
    /// Runs SQL as a database owner would, past the audit log's append-only guards (in one transaction that holds a
    /// row in their maintenance gate): how the tamper tests change the log behind the application's back.
    /// </summary>
    public async Task TamperAsync(string sql)
    {
        await using var connection = OpenConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, $"INSERT INTO {AuditGate} VALUES ('{Guid.NewGuid()}', 'tamper test')", transaction);
        await ExecuteAsync(connection, sql, transaction);
        await ExecuteAsync(connection, $"DELETE FROM {AuditGate}", transaction);
        await transaction.CommitAsync();
    }

    /// <summary>Runs SQL on the application's own terms (no gate open).</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = OpenConnection();
        return await ExecuteAsync(connection, sql);
    }

    /// <summary>A module table's name as this provider spells it in SQL (schema-qualified, or prefixed on SQLite).</summary>
    public string Table(string schema, string table) =>
        Provider == DatabaseProvider.Sqlite ? $"\"{schema}_{table}\"" : $"\"{schema}\".\"{table}\"";

    /// <summary>An instant as this provider stores it, to write into SQL (SQLite keeps instants as sortable integers).</summary>
    public string Literal(DateTimeOffset at) => Provider == DatabaseProvider.Sqlite
        ? new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!.ToString()!
        : $"'{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::timestamptz";

    /// <summary>An id as this provider stores it (EF keeps ids as upper-case text on SQLite).</summary>
    public string Literal(Guid id) => Provider == DatabaseProvider.Sqlite ? $"'{id.ToString().ToUpperInvariant()}'" : $"'{id}'";

    /// <summary>The first column of the first row <paramref name="sql"/> answers.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string AuditGate => Table("audit", "maintenance_gate");

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync();
    }

    protected abstract RespawnerOptions RespawnOptions();

    public static TestDatabase For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        DatabaseProvider.PostgreSql => new PostgresTestDatabase(),
        _ => throw new NotSupportedException($"{provider} cannot run here."),
    };
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"secureshare-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path};Default Timeout=30;Foreign Keys=True";

    public override Task CreateAsync() => Task.CompletedTask;

    protected override RespawnerOptions RespawnOptions() => new()
    {
        DbAdapter = DbAdapter.Sqlite,
        TablesToIgnore = [.. ModuleSchemas.Select(s => new Table($"__{s}_migrations")), new Table("audit_maintenance_gate")],
    };

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "SECURESHARE_TEST_POSTGRES";

    private readonly string _name = $"secureshare_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{ServerVariable} is not set. Run the tests with scripts/test.sh, which installs and starts PostgreSQL.");

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override RespawnerOptions RespawnOptions() => new()
    {
        DbAdapter = DbAdapter.Postgres,
        SchemasToInclude = ModuleSchemas,
        // The key ring stays: a host keeps its keys in memory, and another instance made later must find the same ones.
        TablesToIgnore = [.. ModuleSchemas.Select(s => new Table(s, "__migrations")), new Table("audit", "maintenance_gate"), new Table("accounts", "data_protection_keys")],
    };

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
