using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>Slow password hashes: at OWASP's work factor, a few at a time, never inside a write transaction; sign-ins limited per IPv6 /64.</summary>
public abstract class PasswordHashingTests(TestApp app) : DatabaseTest(app)
{
    /// <summary>The real hasher, noting each hash that runs while the request's database transaction is open.</summary>
    private sealed class TransactionWatchingHasher(IHttpContextAccessor http) : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));

        public int Calls;

        public List<string> InsideTransaction { get; } = [];

        public string HashPassword(User user, string password) => Watch("hash", () => _inner.HashPassword(user, password));

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword) =>
            Watch("verify", () => _inner.VerifyHashedPassword(user, hashedPassword, providedPassword));

        private T Watch<T>(string what, Func<T> hash)
        {
            Interlocked.Increment(ref Calls);
            if (http.HttpContext?.RequestServices.GetService<DbSession>()?.Transaction is not null)
            {
                lock (InsideTransaction)
                {
                    InsideTransaction.Add($"{what} during {http.HttpContext.Request.Method} {http.HttpContext.Request.Path}");
                }
            }

            return hash();
        }
    }

    [Fact]
    public async Task Slow_password_hashes_never_run_inside_a_write_transaction()
    {
        TransactionWatchingHasher? watcher = null;
        await using var factory = App.CreateFactory(new Dictionary<string, string?>(), services => services.AddSingleton<IPasswordHasher<User>>(sp =>
            watcher = new TransactionWatchingHasher(sp.GetRequiredService<IHttpContextAccessor>())));
        var anonymous = factory.CreateClient();
        var email = Api.UniqueEmail("msp-admin");
        (await anonymous.PostAsJsonAsync("/api/v1/signup", new { mspName = "Watched IT", email, password = Api.Password, displayName = "Admin" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await anonymous.PostAsJsonAsync("/api/v1/signup", new { mspName = "Taken IT", email, password = Api.Password, displayName = "Admin" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a wrong password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = Api.UniqueEmail(), password = "nobody's password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Api.Password }).ReadJsonAsync(HttpStatusCode.OK);
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());

        var userId = await admin.CreateUserAsync(Api.UniqueEmail("tech"), "Technician");
        await admin.PostAsJsonAsync("/api/v1/clients", new { name = "Client A", adminEmail = Api.UniqueEmail(), adminPassword = Api.OneTimePassword, adminDisplayName = "Site" })
            .ReadJsonAsync(HttpStatusCode.Created);
        await admin.PatchAsJsonAsync($"/api/v1/users/{userId}", new { password = "another one-time password" }).ReadJsonAsync(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = Api.Password, newPassword = "a new password of mine" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        watcher!.Calls.ShouldBeGreaterThanOrEqualTo(12);
        watcher.InsideTransaction.ShouldBeEmpty();
    }

    /// <summary>The real hasher, but while it checks <paramref name="password"/> the account's password changes (as a parallel change would).</summary>
    private sealed class ChangedWhileCheckingHasher(string password, Func<Task> change) : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));

        public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            var verdict = _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            if (providedPassword == password)
            {
                change().GetAwaiter().GetResult();
            }

            return verdict;
        }
    }

    [Fact]
    public async Task A_sign_in_whose_password_changed_while_it_was_checked_gets_no_session()
    {
        var msp = await App.SignupMspAsync();
        async Task ChangePasswordMeanwhileAsync()
        {
            await using var scope = App.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            await db.Users.IgnoreQueryFilters().Where(u => u.NormalizedEmail == User.NormalizeEmail(msp.AdminEmail))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, "changed meanwhile").SetProperty(u => u.SecurityStamp, "renewed"));
        }

        await using var factory = App.CreateFactory(new Dictionary<string, string?>(), services =>
            services.AddSingleton<IPasswordHasher<User>>(new ChangedWhileCheckingHasher(Api.Password, ChangePasswordMeanwhileAsync)));
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task New_passwords_take_owasps_pbkdf2_work_factor_and_older_hashes_are_redone_at_sign_in()
    {
        new AuthOptions().PasswordIterations.ShouldBe(210_000); // OWASP's PBKDF2-HMAC-SHA512 figure
        var msp = await App.SignupMspAsync(); // hashed at the tests' lower work factor
        (await IterationsAsync(msp.AdminEmail)).ShouldBe(10_000);

        await using var production = App.CreateFactory(new Dictionary<string, string?> { ["Auth:PasswordIterations"] = "210000" });
        (await production.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = msp.AdminEmail, password = Api.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IterationsAsync(msp.AdminEmail)).ShouldBe(210_000);
        (await App.LoginRawAsync(msp.AdminEmail, Api.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<int> IterationsAsync(string email)
    {
        await using var scope = App.CreateScope();
        var hash = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.IgnoreQueryFilters()
            .Where(u => u.NormalizedEmail == User.NormalizeEmail(email)).Select(u => u.PasswordHash).SingleAsync();
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01); // ASP.NET Core Identity v3: PBKDF2 with HMAC-SHA512
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    [Fact]
    public async Task Sign_ins_are_limited_per_ipv6_64_network_as_well_as_per_account()
    {
        var throttle = new LoginThrottle(new InProcessRateCounter(TimeProvider.System), new AuthOptions { LoginsPerNetworkPerMinute = 3, LoginsPerAccountPerMinute = 100 });
        for (var i = 1; i <= 3; i++)
        {
            (await throttle.TryAcquireAsync($"USER{i}@X.EXAMPLE", $"2001:db8:1:2::{i}", default)).ShouldBeTrue();
        }

        (await throttle.TryAcquireAsync("USER9@X.EXAMPLE", "2001:db8:1:2:ffff:ffff:ffff:9", default)).ShouldBeFalse(); // a fresh address in the same /64
        (await throttle.TryAcquireAsync("USER9@X.EXAMPLE", "2001:db8:1:3::1", default)).ShouldBeTrue(); // another /64
        (await throttle.TryAcquireAsync("USER9@X.EXAMPLE", "192.0.2.1", default)).ShouldBeTrue(); // IPv4: per address, in the Host's limiter
    }

    [Fact]
    public async Task At_most_the_configured_number_of_password_hashes_run_at_once()
    {
        using var gate = new PasswordHashGate(new AuthOptions { ConcurrentPasswordHashes = 2 });
        var running = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => gate.RunAsync(
            () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                Thread.Sleep(5);
                return Interlocked.Decrement(ref running);
            },
            CancellationToken.None))));
        most.ShouldBeInRange(1, 2);

        static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasswordHashingTests_Sqlite(SqliteApp app) : PasswordHashingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PasswordHashingTests_Postgres(PostgresApp app) : PasswordHashingTests(app);
