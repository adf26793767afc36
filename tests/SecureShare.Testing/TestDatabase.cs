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

    /// <summary>Empties every module table (after the schema exists; the app migrates it at start).</summary>
    public async Task ResetAsync()
    {
        await using var connection = OpenConnection();
        _respawner ??= await Respawner.CreateAsync(connection, RespawnOptions());
        await _respawner.ResetAsync(connection);
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
        TablesToIgnore = ModuleSchemas.Select(s => new Table($"__{s}_migrations")).ToArray(),
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
        TablesToIgnore = ModuleSchemas.Select(s => new Table(s, "__migrations")).ToArray(),
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
