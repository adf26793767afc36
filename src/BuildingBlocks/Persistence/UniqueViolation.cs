using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// Recognises a unique-index violation on every provider: a race that a handler's own check
/// could not see (two signups with one email at the same instant) becomes a 409, not a 500.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool Is(Exception exception) => exception is DbUpdateException { InnerException: { } inner } && inner switch
    {
        SqliteException e => e.SqliteErrorCode == SqliteConstraint && e.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException e => e.Number is 2601 or 2627,
        _ => false,
    };
}

/// <summary>
/// Recognises a database refusing a value that validation let through (longer than its column, or text
/// it cannot hold): the last line of defence that keeps bad input a 400 and never a 500. The transaction
/// has rolled back, so nothing changed.
/// </summary>
public static class ValueRefused
{
    public static bool Is(Exception exception) => ((exception as DbUpdateException)?.InnerException ?? exception) switch
    {
        PostgresException e => e.SqlState is PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.CharacterNotInRepertoire
            or PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.NumericValueOutOfRange,
        SqlException e => e.Number is 2628 or 8152,
        _ => false,
    };
}
