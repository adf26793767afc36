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

        var answer = await WhileOffboardingAsync(family, client, () => family.Admin.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{client.Id}", Everyone));

        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await App.Database.ScalarAsync<long>("SELECT count(*) FROM sharing.shares")).ShouldBe(0);
    }

    [Fact]
    public async Task A_share_the_client_made_that_waited_on_the_family_lock_while_it_was_offboarded_answers_401_and_writes_nothing()
    {
        var family = await App.Family().Client("Client A").BuildAsync();
        var client = family.Client("Client A");
        var id = (await client.Admin.Api.CreateCredentialsAsync(1))[0];

        var answer = await WhileOffboardingAsync(family, client, () => client.Admin.Api.PutAsJsonAsync($"/api/v1/credentials/{id}/shares/{family.MspId}", Everyone));

        await answer.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await App.Database.ScalarAsync<long>("SELECT count(*) FROM sharing.shares")).ShouldBe(0);
    }

    private static readonly object Everyone = new { enabled = true, audience = new { everyone = true }, permission = "View" };

    /// <summary>
    /// Holds the family's lock, as an offboarding does, until <paramref name="request"/> waits for it; then suspends the
    /// client and commits; answers the request's response.
    /// </summary>
    private async Task<HttpResponseMessage> WhileOffboardingAsync(MspFamily family, ClientSite client, Func<Task<HttpResponseMessage>> request)
    {
        await using var offboarding = new NpgsqlConnection(App.Database.ConnectionString);
        await offboarding.OpenAsync();
        await using var transaction = await offboarding.BeginTransactionAsync();
        var lockKey = $"hashtextextended('sharing:{family.MspId:N}', 0)";
        await ExecuteAsync(offboarding, $"SELECT pg_advisory_xact_lock({lockKey})");

        var answer = request();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var waiting = $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + $" AND ((classid::bigint << 32) | objid::bigint) = {lockKey}";
        while (await ScalarAsync(offboarding, waiting) == 0)
        {
            answer.IsCompleted.ShouldBeFalse("the request waits for the family lock");
            (DateTime.UtcNow < deadline).ShouldBeTrue("the request reaches the family lock");
            await Task.Delay(20);
        }

        await ExecuteAsync(offboarding, $"UPDATE accounts.tenants SET \"State\" = 'Suspended' WHERE \"Id\" = '{client.Id}'");
        await transaction.CommitAsync();
        return await answer;
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
