using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// The SQL commands one DbSession (one request) has sent, across every module context. The request
/// log shows the count, so an N+1 shows up in operation, and tests assert query shapes with it.
/// </summary>
public sealed class CommandCounter
{
    private int _count;

    public int Count => _count;

    internal void Increment() => Interlocked.Increment(ref _count);
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
