using System.Threading.RateLimiting;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.BuildingBlocks.Security;

/// <summary>
/// Slow password hashes (PBKDF2 at OWASP's work factor, tens of milliseconds of one core each) run a few
/// at a time in this process, oldest first; the rest wait. However many anonymous sign-ins arrive, they
/// leave cores for signed-in work. Past a long queue the answer is a 429, not an ever longer wait. Never
/// called inside a write transaction: a queued hash would hold the database's writers.
/// </summary>
public sealed class PasswordHashGate(AuthOptions options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, options.ConcurrentPasswordHashes),
        QueueLimit = 512,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task<T> RunAsync<T>(Func<T> hash, CancellationToken ct)
    {
        using var lease = await _limiter.AcquireAsync(1, ct);
        return lease.IsAcquired
            ? hash()
            : throw new TooManyRequestsException("Too many sign-ins at once. Try again in a moment.", TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _limiter.Dispose();
}
