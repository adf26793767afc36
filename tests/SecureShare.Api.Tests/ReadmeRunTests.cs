using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The README's run command, as a real process on the embedded SQLite default: it starts, is
/// ready, prints the demo logins once, and the printed MSP admin signs in.
/// </summary>
public sealed class ReadmeRunTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"secureshare-readme-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_app_starts_on_sqlite_prints_the_demo_logins_and_the_msp_admin_signs_in_and_the_master_key_rotates()
    {
        Guid credential;
        string password;
        using (var first = await HostProcess.StartAsync(_dataDirectory))
        {
            var printed = first.Output;
            password = first.PrintedPassword("admin@demo-msp.example");
            var http = new HttpClient { BaseAddress = first.BaseAddress };
            (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@demo-msp.example", password }).ReadJsonAsync(HttpStatusCode.OK);
            http.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
            var me = await http.GetAsync("/api/v1/me").ReadJsonAsync(HttpStatusCode.OK);
            me.GetProperty("tenantName").GetString().ShouldBe("Demo MSP");
            me.GetProperty("tenantKind").GetString().ShouldBe("Msp");
            me.GetProperty("role").GetString().ShouldBe("Admin");
            printed.Count(l => l.Contains("@", StringComparison.Ordinal) && l.Contains(".example", StringComparison.Ordinal)).ShouldBe(9);
            credential = (await http.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Core switch", secret = "switch-secret" })
                .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        // The operator rotates the key-file master key; the secrets stay readable with the new key alone.
        var oldKey = await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "master.key"));
        using (var rotate = Process.Start(HostProcess.Command(["rotate-master-key", "--new-key", "--DataDirectory", _dataDirectory]))!)
        {
            (await rotate.StandardOutput.ReadToEndAsync()).ShouldContain("Re-wrapped 3 tenant data key(s)");
            await rotate.WaitForExitAsync();
            rotate.ExitCode.ShouldBe(0);
        }

        (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "master.key"))).ShouldNotBe(oldKey);
        Directory.GetFiles(_dataDirectory, "master.key.retired-*").Length.ShouldBe(1);

        // A second start on the same data prints no logins: they are shown once.
        using (var second = await HostProcess.StartAsync(_dataDirectory))
        {
            second.Output.ShouldNotContain(l => l.Contains("admin@demo-msp.example", StringComparison.Ordinal));
            var http = new HttpClient { BaseAddress = second.BaseAddress };
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@demo-msp.example", password }).ReadJsonAsync(HttpStatusCode.OK);
            http.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
            var secret = await http.GetAsync($"/api/v1/credentials/{credential}/secret").ReadJsonAsync(HttpStatusCode.OK);
            secret.GetProperty("secret").GetString().ShouldBe("switch-secret");
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_is_owner_only_and_git_ignores_every_key_and_database_file_in_it()
    {
        using (var host = await HostProcess.StartAsync(_dataDirectory))
        {
            var http = new HttpClient { BaseAddress = host.BaseAddress };
            (await http.GetAsync("/login")).StatusCode.ShouldBe(HttpStatusCode.OK); // the cookie key ring is made on first use
        }

        File.GetUnixFileMode(_dataDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var file in new[] { "secureshare.db", "master.key", "jwt-signing.key" })
        {
            File.GetUnixFileMode(Path.Combine(_dataDirectory, file)).ShouldBe(ownerOnly, file);
        }

        foreach (var sidecar in Directory.GetFiles(_dataDirectory, "secureshare.db-*"))
        {
            (File.GetUnixFileMode(sidecar) & ~ownerOnly).ShouldBe(UnixFileMode.None, sidecar);
        }

        var keyFiles = Directory.GetFiles(Path.Combine(_dataDirectory, "keys"), "*.xml");
        keyFiles.ShouldNotBeEmpty();
        foreach (var keyFile in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(keyFile);
            xml.ShouldContain("<encryptedKey masterKeyId=", customMessage: "the cookie key ring is kept encrypted under the master key");
            xml.ShouldNotContain("<masterKey");
        }

        string[] inRepository =
        [
            "src/Host/data/secureshare.db", "src/Host/data/secureshare.db-wal", "src/Host/data/master.key", "src/Host/data/master.key.next",
            "src/Host/data/master.key.retired-0123abcd", "src/Host/data/jwt-signing.key", "src/Host/data/keys/key-0c7e2e4a.xml", "data/keys/key-1.xml",
        ];
        var check = Process.Start(new ProcessStartInfo("git", ["check-ignore", "--no-index", .. inRepository])
        {
            WorkingDirectory = HostProcess.RepositoryRoot, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var ignored = (await check.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await check.WaitForExitAsync();
        ignored.ShouldBe(inRepository, ignoreOrder: true);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
