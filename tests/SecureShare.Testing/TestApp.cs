using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using Xunit;

namespace SecureShare.Testing;

/// <summary>
/// SecureShare running in memory (WebApplicationFactory) on one real database. One per test
/// collection; <see cref="ResetAsync"/> empties the database before each test.
/// </summary>
public abstract class TestApp : IAsyncLifetime
{
    public const string SigningKey = "dGVzdC1zaWduaW5nLWtleS10ZXN0LXNpZ25pbmcta2V5LTEyMzQ1Njc4OTA=";

    /// <summary>A fixed test master key (32 bytes); production keys come from a secret store or the key file.</summary>
    public const string MasterKey = "bWFzdGVyLWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"secureshare-data-{Guid.NewGuid():N}");

    protected TestApp(DatabaseProvider provider)
    {
        Database = TestDatabase.For(provider);
    }

    private Task<ApiContract>? _contract;

    public TestDatabase Database { get; }

    /// <summary>What the app logged (through Serilog) since it started.</summary>
    public CapturedLogs Logs { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        await Database.CreateAsync();
        Factory = CreateFactory(new Dictionary<string, string?>());
        _ = Factory.Server; // starts the host: migrations run before it answers
    }

    /// <summary>Another instance of the app on the same database, with some settings changed.</summary>
    public WebApplicationFactory<Program> CreateFactory(IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? services = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = Database.Provider.ToString(),
                ["Database:ConnectionString"] = Database.ConnectionString,
                ["DataDirectory"] = _dataDirectory,
                ["Demo:Enabled"] = "false",
                ["Jobs:Server"] = "false",
                ["Auth:SigningKey"] = SigningKey,
                ["Security:MasterKey"] = MasterKey,
                ["Auth:LoginsPerIpPerMinute"] = "100000",
                ["Auth:LoginsPerAccountPerMinute"] = "1000",
                ["Auth:LoginsPerNetworkPerMinute"] = "100000",
                ["Auth:SignupEnabled"] = "true",
                ["Auth:PasswordIterations"] = "10000", // the production work factor has its own test; every test signs in many times
                ["Links:OpensPerIpPerMinute"] = "100000",
                ["Sso:AllowLocalProviders"] = "true", // the tests' OpenID provider runs on this machine, over http
                ["Audit:SealAfter"] = "00:00:00", // tests seal when they choose (SealAuditLog), not a minute later
                ["Serilog:MinimumLevel:Default"] = "Information",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Information",
                ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Information",
            };
            foreach (var (key, value) in overrides)
            {
                if (value is null)
                {
                    settings.Remove(key); // null: not set at all, the Host's own default applies
                }
                else
                {
                    settings[key] = value;
                }
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }
        });

    public Task ResetAsync() => Database.ResetAsync();

    /// <summary>A client of the API whose every exchange is held to the published OpenAPI document (<see cref="ContractCheck"/>).</summary>
    public HttpClient CreateClient() =>
        Factory.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(), new ContractCheck(ContractAsync));

    /// <summary>The app's own /openapi/v1.json, read once.</summary>
    public Task<ApiContract> ContractAsync()
    {
        lock (this)
        {
            return _contract ??= Task.Run(async () => ApiContract.Parse(await Factory.CreateDefaultClient().GetStringAsync("/openapi/v1.json")));
        }
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed class SqliteApp() : TestApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : TestApp(DatabaseProvider.PostgreSql);

public static class TestAppTenants
{
    /// <summary>A tenant's info, for <c>TenantContext.Begin</c> in tests that act inside a tenant as a job would.</summary>
    public static async Task<SecureShare.BuildingBlocks.Tenancy.TenantInfo> TenantAsync(this TestApp app, Guid tenantId)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SecureShare.BuildingBlocks.Tenancy.ITenantStore>().FindAsync(tenantId)
            ?? throw new InvalidOperationException($"No tenant {tenantId}.");
    }
}
