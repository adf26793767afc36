using System.Collections.Concurrent;

namespace SecureShare.BuildingBlocks.Security;

/// <summary>
/// Counts the attempts of one key (an address, an account, a user's refusals) in a fixed one-minute window that starts
/// at the key's first attempt, as ASP.NET's fixed-window limiter does. Every limit of the installation counts through
/// it, so that N hosts on one database allow what one host allows: on a server database the counts live in the
/// database (one conditional upsert per attempt); on the embedded default, with its one host, in this process.
/// </summary>
public interface IRateCounter
{
    /// <summary>Counts one attempt of <paramref name="key"/> and answers how many its current window now holds.</summary>
    ValueTask<int> CountAsync(string key, CancellationToken ct);
}

/// <summary>The count of a limit against its permits.</summary>
public static class RateLimits
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Counts one attempt and answers whether it stays within <paramref name="permits"/> a minute.</summary>
    public static async ValueTask<bool> AllowsAsync(this IRateCounter counter, string key, int permits, CancellationToken ct) =>
        await counter.CountAsync(key, ct) <= permits;

    /// <summary>
    /// Whether this caller is the one to sweep ended windows now: at most once a window per counter, however many
    /// attempts arrive together (<paramref name="sweptAt"/> holds the last sweep's ticks).
    /// </summary>
    public static bool SweepDue(ref long sweptAt, DateTimeOffset now)
    {
        var last = Interlocked.Read(ref sweptAt);
        return now.UtcTicks - last >= Window.Ticks && Interlocked.CompareExchange(ref sweptAt, now.UtcTicks, last) == last;
    }
}

/// <summary>The counts of a single host (the embedded default): a dictionary, swept of ended windows once a minute.</summary>
public sealed class InProcessRateCounter(TimeProvider clock) : IRateCounter
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset StartedAt, int Count)> _windows = new(StringComparer.Ordinal);
    private long _sweptAt;

    public ValueTask<int> CountAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (_, count) = _windows.AddOrUpdate(
            key,
            static (_, at) => (at, 1),
            static (_, seen, at) => at - seen.StartedAt < RateLimits.Window ? (seen.StartedAt, seen.Count + 1) : (at, 1),
            now);
        Sweep(now);
        return ValueTask.FromResult(count);
    }

    private void Sweep(DateTimeOffset now)
    {
        if (!RateLimits.SweepDue(ref _sweptAt, now))
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (now - window.StartedAt >= RateLimits.Window)
            {
                _windows.TryRemove(KeyValuePair.Create(key, window));
            }
        }
    }
}
