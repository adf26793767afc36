using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Features.Keys;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Rotating the master key re-wraps every tenant's data key and leaves every secret ciphertext as it was.</summary>
public abstract class MasterKeyRotationTests(TestApp app) : DatabaseTest(app)
{
    [Fact]
    public async Task Rotation_rewraps_the_data_keys_without_touching_the_secrets()
    {
        var tenants = new List<(HttpClient Admin, Guid Credential)>();
        for (var i = 0; i < 2; i++)
        {
            var msp = await App.SignupMspAsync();
            var admin = await App.ClientForAsync(msp.AdminEmail);
            var created = await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = $"Firewall {i}", secret = $"secret-{i}" })
                .ReadJsonAsync(HttpStatusCode.Created);
            tenants.Add((admin, created.GetProperty("id").GetGuid()));
        }

        var secretsBefore = await SecretCiphersAsync();
        var oldKey = MasterKey.FromBase64(TestApp.MasterKey);
        var newKey = MasterKey.Generate();

        await using (var scope = App.CreateScope())
        {
            var rewrapped = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RewrapDataKeys.Command(new MasterKeyRing(newKey, [oldKey])));
            rewrapped.ShouldBe(2);
        }

        (await SecretCiphersAsync()).ShouldBe(secretsBefore);
        await using var rotated = App.CreateFactory(new Dictionary<string, string?> { ["Security:MasterKey"] = newKey.ToBase64() });
        for (var i = 0; i < tenants.Count; i++)
        {
            var client = rotated.CreateClient();
            client.DefaultRequestHeaders.Authorization = tenants[i].Admin.DefaultRequestHeaders.Authorization;
            var secret = await client.GetAsync($"/api/v1/credentials/{tenants[i].Credential}/secret").ReadJsonAsync(HttpStatusCode.OK);
            secret.GetProperty("secret").GetString().ShouldBe($"secret-{i}");
        }

        // the old master key alone no longer opens anything
        await tenants[0].Admin.GetAsync($"/api/v1/credentials/{tenants[0].Credential}/secret").ShouldBeProblemAsync(HttpStatusCode.InternalServerError);

        await using (var scope = App.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RewrapDataKeys.Command(new MasterKeyRing(newKey, [oldKey])))).ShouldBe(0);
        }
    }

    private async Task<List<string>> SecretCiphersAsync()
    {
        await using var scope = App.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<CredentialsDbContext>().Credentials.IgnoreQueryFilters()
                .OrderBy(c => c.Id).Select(c => c.SecretCipher).ToListAsync())
            .Select(c => Convert.ToBase64String(c!)).ToList();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MasterKeyRotationTests_Sqlite(SqliteApp app) : MasterKeyRotationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MasterKeyRotationTests_Postgres(PostgresApp app) : MasterKeyRotationTests(app);
