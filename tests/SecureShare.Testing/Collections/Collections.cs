using SecureShare.Testing;

namespace SecureShare.Tests;

// xunit finds collection definitions only in the test assembly itself, so every test
// project compiles this file (linked from SecureShare.Testing).

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
