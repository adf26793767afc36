using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// A named exclusive lock held until the open transaction ends, so that commands which read, decide
/// and then write the same rows run one after the other instead of racing (two bulk shares of the
/// same credentials). PostgreSQL: an advisory transaction lock; SQL Server: an application lock
/// owned by the transaction; SQLite: nothing to do, a transaction there already holds the one write
/// lock from its start (Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE). Taken again in the same transaction, it sends
/// nothing (the session knows which locks its transaction holds).
/// </summary>
public static class TransactionLock
{
    public static async Task LockAsync(this DatabaseFacade database, string resource, CancellationToken ct)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A transaction lock is taken inside a transaction.");
        }

        var session = database.GetService<ICurrentDbContext>().Context is ModuleDbContext module ? module.Session : null;
        if (session?.HoldsLock(resource) == true)
        {
            return; // taken already in this transaction: no second statement
        }

        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({resource}, 0))", ct);
        }
        else if (database.IsSqlServer())
        {
            await database.ExecuteSqlAsync(
                $"DECLARE @granted int; EXEC @granted = sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000; IF @granted < 0 THROW 50001, 'Timed out waiting for a transaction lock.', 1;",
                ct);
        }

        session?.NoteLock(resource);
    }
}
