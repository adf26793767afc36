using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

/// <summary>One key's attempts in its current one-minute window (see <see cref="Services.DatabaseRateCounter"/>).</summary>
[GlobalEntity("Limits count addresses and accounts before anyone is signed in: no tenant is known yet, and a key names none.")]
internal sealed class RateWindow
{
    /// <summary>SHA-256 of the key: the table holds no address or email in clear, and every key has one width.</summary>
    public byte[] KeyHash { get; init; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public int Count { get; set; }
}
