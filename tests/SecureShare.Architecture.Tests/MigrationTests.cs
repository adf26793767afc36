using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Tests;

/// <summary>Migrations are current on every provider; SQL Server's script (which cannot run here) parses cleanly.</summary>
public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    private static string ConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.PostgreSql => "Host=localhost;Database=unused",
        _ => "Server=localhost;Database=unused;TrustServerCertificate=True",
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_module_model_matches_its_migrations(DatabaseProvider provider)
    {
        foreach (var context in TenantIsolationModelTests.AllContexts(provider, ConnectionString(provider)))
        {
            context.Database.GetMigrations().ShouldNotBeEmpty($"{context.GetType().Name} has no {provider} migrations");
            context.Database.HasPendingModelChanges().ShouldBeFalse(
                $"{context.GetType().Name} changed without a {provider} migration: run scripts/add-migration.sh <Name>");
        }
    }

    [Fact]
    public void SqlServer_migration_script_parses_without_errors()
    {
        foreach (var context in TenantIsolationModelTests.AllContexts(DatabaseProvider.SqlServer, ConnectionString(DatabaseProvider.SqlServer)))
        {
            var migrator = context.GetService<IMigrator>();
            foreach (var options in new[] { MigrationsSqlGenerationOptions.Default, MigrationsSqlGenerationOptions.Idempotent })
            {
                var script = migrator.GenerateScript(options: options);
                script.ShouldContain("CREATE TABLE");
                using var reader = new StringReader(script);
                new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
                errors.ShouldBeEmpty(string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
            }
        }
    }

    [Fact]
    public void SqlServer_bulk_insert_statements_parse_without_errors()
    {
        foreach (var context in TenantIsolationModelTests.AllContexts(DatabaseProvider.SqlServer, ConnectionString(DatabaseProvider.SqlServer)))
        {
            foreach (var entity in context.Model.GetEntityTypes())
            {
                var sql = BulkRows.InsertSql(context, entity, out _);
                sql.ShouldContain("OPENJSON(@rows)");
                using var reader = new StringReader(sql);
                new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
                errors.ShouldBeEmpty($"{entity.ClrType.Name}: " + string.Join("; ", errors.Select(e => $"{e.Message}")) + "\n" + sql);
            }
        }
    }

    [Fact]
    public void SqlServer_rate_counter_statements_parse_without_errors()
    {
        foreach (var sql in new[] { SecureShare.Modules.Accounts.Services.DatabaseRateCounter.SqlServerCount, SecureShare.Modules.Accounts.Services.DatabaseRateCounter.SqlServerSweep })
        {
            using var reader = new StringReader(sql);
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
            errors.ShouldBeEmpty(string.Join("; ", errors.Select(e => e.Message)) + "\n" + sql);
        }
    }
}
