using System.Reflection;
using System.Runtime.CompilerServices;

namespace SecureShare.Tests;

/// <summary>A record's generated ToString prints every property: a record that carries a secret must not have one.</summary>
public sealed class SecretRecordTests
{
    private static readonly HashSet<string> SecretProperties =
        ["Password", "AdminPassword", "CurrentPassword", "NewPassword", "Secret", "Notes", "TotpSeed", "AccessToken", "Value", "MfaToken", "Code", "RecoveryCodes", "Plaintext", "Ciphertext", "Key", "Token"];

    [Fact]
    public void Records_that_carry_secrets_print_none_of_them()
    {
        var carriers = Directory.GetFiles(AppContext.BaseDirectory, "SecureShare.Modules.*.dll")
            .Select(Assembly.LoadFrom)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetMethod("<Clone>$") is not null) // records
            .Where(t => t.GetProperties().Any(p => SecretProperties.Contains(p.Name)))
            .ToList();
        carriers.Count.ShouldBeGreaterThan(10);
        carriers.Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)!.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
            .Select(t => t.FullName).ShouldBeEmpty();
    }
}
