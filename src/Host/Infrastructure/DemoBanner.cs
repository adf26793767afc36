using SecureShare.Modules.Accounts.Features.Demo;

namespace SecureShare.Host.Infrastructure;

/// <summary>Prints the demo logins to the console once, straight to stdout and never through the log pipeline.</summary>
internal static class DemoBanner
{
    public static void Print(IReadOnlyList<SeedDemo.DemoLogin> logins)
    {
        var lines = new List<string>
        {
            string.Empty,
            "==== SecureShare demo data (shown once; the passwords are not stored anywhere in clear) ====",
        };
        lines.AddRange(logins.Select(l => $"  {l.Tenant,-16} {l.Kind,-6} {l.Role,-10} {l.Email,-36} {l.Password}"));
        lines.Add("  Sign in: POST /api/v1/auth/login {\"email\": ..., \"password\": ...}; API reference at /scalar");
        lines.Add(string.Empty);
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
