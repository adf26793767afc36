using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// The SQL commands one DbSession (one request) has sent, across every module context. The request
/// log shows the count, so an N+1 shows up in operation, and tests assert query shapes with it. Upkeep that a request
/// does now and then whatever it asks for (a session's once-a-minute "last seen" touch) is counted apart, in
/// <see cref="Upkeep"/>, so a request's count depends on what it does, not on the minute it falls in.
/// </summary>
public sealed class CommandCounter
{
    private static readonly AsyncLocal<bool> InUpkeep = new();

    private int _count;

    private int _upkeep;

    public int Count => _count;

    public int Upkeep => _upkeep;

    /// <summary>Counts the commands sent until disposed as upkeep.</summary>
    public static IDisposable AsUpkeep()
    {
        var outer = InUpkeep.Value;
        InUpkeep.Value = true;
        return new EndUpkeep(outer);
    }

    internal void Increment()
    {
        if (InUpkeep.Value)
        {
            Interlocked.Increment(ref _upkeep);
        }
        else
        {
            Interlocked.Increment(ref _count);
        }
    }

    private sealed class EndUpkeep(bool outer) : IDisposable
    {
        public void Dispose() => InUpkeep.Value = outer;
    }
}

/// <summary>Counts each command a module context sends against that context's session.</summary>
internal sealed class CommandCounting : DbCommandInterceptor
{
    public static readonly CommandCounting Instance = new();

    private static void Count(CommandEventData eventData) => (eventData.Context as ModuleDbContext)?.Session.Commands.Increment();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(eventData);
        return ValueTask.FromResult(result);
    }
}
