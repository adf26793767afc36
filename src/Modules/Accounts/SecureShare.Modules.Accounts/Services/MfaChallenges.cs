using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// The token between a right password and a second factor: 256 random bits (base64url) handed to the client, its
/// SHA-256 hash stored; five minutes long; one success uses it, by one conditional UPDATE.
/// </summary>
internal static class MfaChallenges
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>A new challenge for a user whose password was right, saved with the caller's changes; returns its token.</summary>
    public static (string Token, DateTimeOffset ExpiresAt) Issue(AccountsDbContext tenantDb, User user, SessionKind kind, DateTimeOffset now)
    {
        var token = SecretTokens.New();
        var expires = now.Add(Lifetime);
        tenantDb.MfaChallenges.Add(new MfaChallenge
        {
            UserId = user.Id, TokenHash = SecretTokens.Hash(token), Kind = kind, SecurityStamp = user.SecurityStamp, CreatedAt = now, ExpiresAt = expires,
        });
        return (token, expires);
    }

    /// <summary>
    /// The live challenge a token names, whatever its tenant (the client names no tenant before it has a session: a
    /// deliberate, reviewed bypass keyed by the token's hash only); null when unknown, used or expired.
    /// </summary>
    public static Task<MfaChallenge?> FindLiveAsync(AccountsDbContext db, string token, DateTimeOffset now, CancellationToken ct)
    {
        var hash = SecretTokens.Hash(token);
        return db.MfaChallenges.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
            .FirstOrDefaultAsync(c => c.TokenHash == hash && c.UsedAt == null && c.ExpiresAt > now, ct);
    }

    /// <summary>Uses the challenge: true for the one caller that did it while it was live.</summary>
    public static async Task<bool> UseAsync(AccountsDbContext tenantDb, Guid challengeId, DateTimeOffset now, CancellationToken ct) =>
        await tenantDb.MfaChallenges.Where(c => c.Id == challengeId && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;
}
