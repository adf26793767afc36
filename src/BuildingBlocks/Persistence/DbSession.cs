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
    private readonly HashSet<string> _locks = new(StringComparer.Ordinal);
    private DbConnection? _connection;

    public DbConnection Connection => _connection ??= options.CreateConnection();

    public DatabaseProvider Provider => options.Provider;

    public DbTransaction? Transaction { get; private set; }

    /// <summary>The SQL commands this session's contexts have sent.</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>Whether the current transaction holds the named lock (<see cref="TransactionLock"/>).</summary>
    internal bool HoldsLock(string resource) => _locks.Contains(resource);

    internal void NoteLock(string resource) => _locks.Add(resource);

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
    /// A transaction that failed only because the database could not be reached (or chose it as a deadlock's victim) runs
    /// again from the start, its contexts emptied, on a new connection (<see cref="TransientFailure.RetryAsync{T}"/>); on
    /// SQLite, with one host and no failover, never. One that failed while committing is never run again
    /// (<see cref="CommitOutcomeUnknownException"/>).
    /// </summary>
    private Task<T> RunInTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        options.Provider == DatabaseProvider.Sqlite
            ? AttemptAsync(work, cancellationToken)
            : TransientFailure.RetryAsync(() => AttemptAsync(work, cancellationToken), () => TransientFailure.ResetAsync(Connection), cancellationToken);

    /// <summary>
    /// Runs a read that every request makes before its command (the session check) outside any transaction, and again
    /// while the database is unreachable, as a transaction would be: reading twice changes nothing.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken) =>
        Transaction is not null || options.Provider == DatabaseProvider.Sqlite
            ? read()
            : TransientFailure.RetryAsync(read, () => TransientFailure.ResetAsync(Connection), cancellationToken);

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
            _locks.Clear(); // a transaction's locks end with it
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
