using Npgsql;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Tests;

public sealed class DatabaseOptionsTests
{
    [Fact]
    public void PostgreSql_connections_prepare_repeated_statements_and_keep_them_unless_the_operator_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithStatementReuse("Host=db;Username=app;Password=p"));
        tuned.MaxAutoPrepare.ShouldBe(128);
        tuned.AutoPrepareMinUsages.ShouldBe(2);
        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.Password.ShouldBe("p");

        var operators = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithStatementReuse("Host=db;MaxAutoPrepare=0;No Reset On Close=false;auto prepare min usages=7"));
        operators.MaxAutoPrepare.ShouldBe(0);
        operators.NoResetOnClose.ShouldBeFalse();
        operators.AutoPrepareMinUsages.ShouldBe(7);
    }
}
