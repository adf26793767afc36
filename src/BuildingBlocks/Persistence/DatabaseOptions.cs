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

    public DbConnection CreateConnection() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
        DatabaseProvider.PostgreSql => new NpgsqlConnection(ConnectionString),
        DatabaseProvider.SqlServer => new SqlConnection(ConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
    };

    public string MigrationsAssembly => $"SecureShare.Migrations.{Provider}";
}
