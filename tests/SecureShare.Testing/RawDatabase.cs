using System.Text;
using Microsoft.Data.Sqlite;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Testing;

/// <summary>Everything the database holds, as text: what an attacker with a dump would read.</summary>
public static class RawDatabase
{
    public static async Task<string> DumpAsync(TestDatabase database)
    {
        var dump = new StringBuilder();
        await using var connection = database.OpenConnection();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Provider == DatabaseProvider.Sqlite
                ? "SELECT '\"' || name || '\"' FROM sqlite_master WHERE type = 'table'"
                : "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table}";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    dump.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes) : value.ToString()).Append('|');
                }

                dump.AppendLine();
            }
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // and the file itself, free pages and write-ahead log included
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                dump.Append(Encoding.Latin1.GetString(memory.ToArray()));
            }
        }

        return dump.ToString();
    }
}
