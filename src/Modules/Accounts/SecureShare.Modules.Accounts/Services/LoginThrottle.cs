using System.Net;
using System.Threading.RateLimiting;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Sign-in limits beside the Host's per-address one: per account (every attempt on an email, known or
/// not, so it reveals nothing about which accounts exist) and per IPv6 /64 network (one subscriber holds
/// a whole /64, so per-address counting alone gives an attacker 2^64 fresh addresses).
/// </summary>
internal sealed class LoginThrottle(AuthOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.StartsWith("net:", StringComparison.Ordinal) ? options.LoginsPerNetworkPerMinute : options.LoginsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string normalizedEmail, string? ipAddress)
    {
        if (Network(ipAddress) is { } network)
        {
            using var networkLease = _limiter.AttemptAcquire(network);
            if (!networkLease.IsAcquired)
            {
                return false;
            }
        }

        using var lease = _limiter.AttemptAcquire("email:" + normalizedEmail);
        return lease.IsAcquired;
    }

    /// <summary>The /64 an IPv6 address belongs to (an IPv4 address is limited per address by the Host).</summary>
    internal static string? Network(string? ipAddress)
    {
        if (!IPAddress.TryParse(ipAddress, out var address) || address.IsIPv4MappedToIPv6 || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "net:" + new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter.Dispose();
}
