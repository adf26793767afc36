using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// One database connection per request (DI scope), shared by every module DbContext the
/// request touches, and the one transaction that spans them. A context created before
/// or after the transaction began is enlisted in it, so a command and its audit events
/// commit together or not at all.
/// </summary>
public sealed class DbSession(DatabaseOptions options, PlannerStatistics statistics) : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private readonly Dictionary<string, int> _bulkRows = [];
    private readonly List<Func<Task>> _afterCommit = [];
    private DbConnection? _connection;

    public DbConnection Connection => _connection ??= options.CreateConnection();

    public DatabaseProvider Provider => options.Provider;

    public DbTransaction? Transaction { get; private set; }

    /// <summary>The SQL commands this session's contexts have sent.</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>A bulk statement is about to write <paramref name="rows"/> rows into <paramref name="table"/> (delimited, schema-qualified).</summary>
    internal void NoteBulkRows(string table, int rows) => _bulkRows[table] = _bulkRows.GetValueOrDefault(table) + rows;

    /// <summary>
    /// Runs <paramref name="action"/> once the open transaction has committed (an email about what it saved), never when
    /// it rolls back; outside a transaction, at once. A failure of the action reaches the caller; the commit stands.
    /// </summary>
    public async Task AfterCommitAsync(Func<Task> action)
    {
        if (Transaction is null)
        {
            await action();
            return;
        }

        _afterCommit.Add(action);
    }

    internal void Enlist(DbContext context)
    {
        _contexts.Add(context);
        if (Transaction is not null)
        {
            context.Database.UseTransaction(Transaction);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the session's transaction: begins one if none is open,
    /// or joins the open one (a command sent from inside another command).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            return await work();
        }

        var writer = options.Provider == DatabaseProvider.Sqlite ? await SqliteWriters.EnterAsync(options.ConnectionString, cancellationToken) : null;
        T result;
        try
        {
            result = await RunInTransactionAsync(work, cancellationToken);
        }
        finally
        {
            writer?.Release();
        }

        // Committed, and the database's writers free again: now what waited for the commit (an email) goes.
        var afterCommit = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in afterCommit)
        {
            await action();
        }

        return result;
    }

    /// <summary>
    /// How long a transaction that failed only because the database could not be reached is tried again (a PostgreSQL
    /// failover under Patroni takes about ten seconds, an availability group's a few): every attempt starts afresh, its
    /// contexts emptied. One that failed while committing is never tried again (<see cref="CommitOutcomeUnknownException"/>).
    /// </summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(20);

    private Task<T> RunInTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        RetryAsync(() => AttemptAsync(work, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a read that every request makes before its command (the session check) outside any transaction, again on a
    /// new connection while the database is unreachable (see <see cref="RetryFor"/>): reading twice changes nothing.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken) =>
        Transaction is null ? RetryAsync(read, cancellationToken) : read();

    private async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (e is not CommitOutcomeUnknownException && options.Provider != DatabaseProvider.Sqlite && TransientFailure.Is(e)
                && DateTime.UtcNow - started < RetryFor && !cancellationToken.IsCancellationRequested)
            {
                TransientFailure.ClearPool(Connection);
                await Connection.CloseAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 250 * attempts)), cancellationToken);
            }
        }
    }

    private async Task<T> AttemptAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (Connection.State != ConnectionState.Open)
        {
            await Connection.CloseAsync(); // a broken connection opens again only once closed
            await Connection.OpenAsync(cancellationToken);
        }

        Transaction = await Connection.BeginTransactionAsync(cancellationToken);
        foreach (var context in _contexts)
        {
            context.Database.UseTransaction(Transaction);
        }

        var committing = false;
        try
        {
            var result = await work();
            committing = true;
            await Transaction.CommitAsync(cancellationToken);
            statistics.Committed(_bulkRows);
            return result;
        }
        catch (Exception e)
        {
            _afterCommit.Clear();
            try
            {
                await Transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception) when (TransientFailure.Is(e))
            {
                // The connection is gone, and the transaction with it.
            }

            foreach (var context in _contexts)
            {
                context.ChangeTracker.Clear();
            }

            if (committing && TransientFailure.Is(e))
            {
                throw new CommitOutcomeUnknownException(e);
            }

            throw;
        }
        finally
        {
            _bulkRows.Clear();
            foreach (var context in _contexts)
            {
                context.Database.UseTransaction(null);
            }

            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>For scopes disposed synchronously (Data Protection's key store reads the key ring in one).</summary>
    public void Dispose() => _connection?.Dispose();
}

/// <summary>
/// SQLite lets one transaction write at a time. Left to SQLite, concurrent writers are turned away and
/// retry after growing sleeps (the benchmark saw 0.6 s at p95 with 16 clients revealing at once), so
/// this process queues its own write transactions on a fair async lock per database file instead.
/// A transaction that waits longer than SQLite's own busy timeout (30 s) fails as it would have there.
/// </summary>
internal static class SqliteWriters
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public static async Task<SemaphoreSlim> EnterAsync(string? connectionString, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(connectionString ?? "", _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new TimeoutException("Another write transaction held the SQLite database for 30 s.");
        }

        return gate;
    }
}
