using System.Data.Common;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The shared key ring's first key, made under the migration lock by the one host that migrates. Left to Data
/// Protection, every host starting on an empty ring would make its own key, active at once, and refuse the cookies of
/// the others until its next refresh. Later keys are Data Protection's own: it makes each one two days before it is
/// needed, which leaves every host time to read it.
/// </summary>
internal sealed class FirstCookieKey(IKeyManager keys, TimeProvider clock) : ISchemaInstaller
{
    public Task InstallAsync(DbConnection connection, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now.AddDays(90)); // Data Protection's own default lifetime
        }

        return Task.CompletedTask;
    }
}
