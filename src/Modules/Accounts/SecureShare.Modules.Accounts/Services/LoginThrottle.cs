using System.Net;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Sign-in limits beside the Host's per-address one: per account (every attempt on an email, known or
/// not, so it reveals nothing about which accounts exist) and per IPv6 /64 network (one subscriber holds
/// a whole /64, so per-address counting alone gives an attacker 2^64 fresh addresses). Counted through the
/// installation's <see cref="IRateCounter"/>, so every host of a cluster shares them.
/// </summary>
internal sealed class LoginThrottle(IRateCounter counter, AuthOptions options)
{
    public async Task<bool> TryAcquireAsync(string normalizedEmail, string? ipAddress, CancellationToken ct)
    {
        if (Network(ipAddress) is { } network && !await counter.AllowsAsync(network, options.LoginsPerNetworkPerMinute, ct))
        {
            return false;
        }

        return await counter.AllowsAsync("sign-in-account:" + normalizedEmail, options.LoginsPerAccountPerMinute, ct);
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
        return "sign-in-network:" + new IPAddress(bytes) + "/64";
    }
}
