using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecureShare.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>Configuration section "Database": which provider, and its connection string.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, empty means a file "secureshare.db" in the data folder.</summary>
    public string? ConnectionString { get; set; }

    private string? _postgreSqlConnectionString;

    private string? _unhurriedCommitConnectionString;

    public DbConnection CreateConnection() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
        DatabaseProvider.PostgreSql => new NpgsqlConnection(_postgreSqlConnectionString ??= WithStatementReuse(ConnectionString)),
        DatabaseProvider.SqlServer => new SqlConnection(ConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
    };

    /// <summary>
    /// A connection whose commits do not wait for the disk or a standby (PostgreSQL's synchronous_commit=off: still
    /// written ahead and replicated, a fraction of a second later), for counts whose last moments a crash may lose (the
    /// limits' attempt counts): a durable commit would cost a sign-in a disk flush per counted limit. Other providers:
    /// <see cref="CreateConnection"/>.
    /// </summary>
    public DbConnection CreateUnhurriedCommitConnection()
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            return CreateConnection();
        }

        _unhurriedCommitConnectionString ??= new NpgsqlConnectionStringBuilder(_postgreSqlConnectionString ??= WithStatementReuse(ConnectionString))
        {
            Options = $"{new NpgsqlConnectionStringBuilder(ConnectionString).Options} -c synchronous_commit=off".Trim(),
        }.ConnectionString;
        return new NpgsqlConnection(_unhurriedCommitConnectionString);
    }

    /// <summary>
    /// PostgreSQL plans each unprepared statement again on every execution; for the short queries of a
    /// request that planning cost more than running them. Unless the connection string says otherwise,
    /// statements run twice on a pooled connection are prepared and kept (up to 128 per connection), and a
    /// connection returned to the pool is not reset: SecureShare sets no session state (its locks are
    /// transaction-scoped), and a reset would discard the prepared statements.
    /// </summary>
    internal static string WithStatementReuse(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>().Select(Compact).ToHashSet();
        if (!Given("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 128;
        }

        if (!Given("Auto Prepare Min Usages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Given("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;

        bool Given(string key) => given.Contains(Compact(key));
        static string Compact(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public string MigrationsAssembly => $"SecureShare.Migrations.{Provider}";
}
