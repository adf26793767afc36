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

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
