using System.Net;
using System.Net.Http.Json;
using Npgsql;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// A share decided while its client is being offboarded reads the client only once it holds the family lock, which the
/// offboarding holds until it commits: it finds the client suspended and writes nothing, rather than a share the
/// offboarding ended before it existed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OffboardingRaceTests(PostgresApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_share_that_waited_on_the_family_lock_while_its_client_was_offboarded_answers_404_and_writes_nothing()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var client = family.Client("Client A");
        var id = (await family.Admin.Api.CreateCredentialsAsync(1))[0];
        await using var offboarding = new NpgsqlConnection(App.Database.ConnectionString);
        await offboarding.OpenAsync();
        await using var transaction = await offboarding.BeginTransactionAsync();
        await ExecuteAsync(offboarding, $"SELECT pg_advisory_xact_lock(hashtextextended('sharing:{family.MspId:N}', 0))"); // as an offboarding holds it

        var share = family.Admin.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{client.Id}", new { enabled = true, audience = new { everyone = true }, permission = "View" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync(offboarding, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0)
        {
            share.IsCompleted.ShouldBeFalse("the share waits for the family lock");
            (DateTime.UtcNow < deadline).ShouldBeTrue("the share reaches the family lock");
            await Task.Delay(20);
        }

        await ExecuteAsync(offboarding, $"UPDATE accounts.tenants SET \"State\" = 'Suspended' WHERE \"Id\" = '{client.Id}'");
        await transaction.CommitAsync();

        await (await share).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await App.Database.ScalarAsync<long>("SELECT count(*) FROM sharing.shares")).ShouldBe(0);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
