using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// Keeps PostgreSQL's planner statistics in step with bulk changes. Until autovacuum gets round to a
/// table (up to a minute, and only after 10% of it changed), a tenant that just received thousands of
/// shared entries still looks empty to the planner, and its list pages take plans meant for a handful
/// of rows (the benchmark measured 20+ ms instead of 2). So a committed transaction that bulk-wrote
/// at least <see cref="Threshold"/> rows into a table queues an ANALYZE of that table, run here in the
/// background on its own connection. SQL Server updates statistics by itself; SQLite is left alone.
/// </summary>
public sealed partial class PlannerStatistics(DatabaseOptions options, ILogger<PlannerStatistics> logger) : BackgroundService
{
    public const int Threshold = 500;

    private readonly Channel<string> _due = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Called by <see cref="DbSession"/> after a commit, with the rows each table received in bulk.</summary>
    internal void Committed(IReadOnlyDictionary<string, int> bulkRows)
    {
        if (options.Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }

        foreach (var (table, rows) in bulkRows)
        {
            if (rows >= Threshold)
            {
                _due.Writer.TryWrite(table);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _due.Reader.WaitToReadAsync(stoppingToken))
        {
            var tables = new SortedSet<string>(StringComparer.Ordinal);
            while (_due.Reader.TryRead(out var table))
            {
                tables.Add(table);
            }

            try
            {
                await using var connection = options.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                await using var command = connection.CreateCommand();
                command.CommandText = $"ANALYZE {string.Join(", ", tables)}";
                await command.ExecuteNonQueryAsync(stoppingToken);
                LogAnalyzed(logger, string.Join(", ", tables));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, string.Join(", ", tables));
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Planner statistics refreshed after bulk changes: {Tables}")]
    private static partial void LogAnalyzed(ILogger logger, string tables);

    [LoggerMessage(LogLevel.Warning, "Planner statistics could not be refreshed for {Tables}; autovacuum will catch up")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tables);
}
