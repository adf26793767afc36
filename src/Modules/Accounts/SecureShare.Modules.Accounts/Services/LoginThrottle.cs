using System.Threading.RateLimiting;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Per-account login rate limit (per-IP limiting is the Host's rate limiter). Counts every
/// attempt on an email, known or not, so it reveals nothing about which accounts exist.
/// </summary>
internal sealed class LoginThrottle(AuthOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        email => RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.LoginsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string normalizedEmail)
    {
        using var lease = _limiter.AttemptAcquire(normalizedEmail);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
