using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Links sent by email (invitations, password resets): a 256-bit random token in the email, its SHA-256 hash stored;
/// used once by one conditional UPDATE; a new link of the same user and purpose voids the older ones.
/// </summary>
internal static class SingleUseLinks
{
    public static TimeSpan LifetimeOf(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.Invitation => TimeSpan.FromHours(72),
        _ => TimeSpan.FromMinutes(30),
    };

    /// <summary>A new link for the user, saved with the caller's changes (older live ones of that purpose are voided now); returns its token and end.</summary>
    public static async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(
        AccountsDbContext tenantDb, Guid userId, LinkPurpose purpose, DateTimeOffset now, CancellationToken ct)
    {
        await tenantDb.SingleUseLinks.Where(l => l.UserId == userId && l.Purpose == purpose && l.UsedAt == null).ExecuteDeleteAsync(ct);
        var token = SecretTokens.New();
        var expires = now.Add(LifetimeOf(purpose));
        tenantDb.SingleUseLinks.Add(new SingleUseLink { UserId = userId, Purpose = purpose, TokenHash = SecretTokens.Hash(token), CreatedAt = now, ExpiresAt = expires });
        return (token, expires);
    }

    /// <summary>
    /// The live link a token names, whatever its tenant (the holder has no session: a deliberate, reviewed bypass keyed
    /// by the token's hash only); null when unknown, of another purpose, used or expired.
    /// </summary>
    public static Task<SingleUseLink?> FindLiveAsync(AccountsDbContext db, string token, LinkPurpose purpose, DateTimeOffset now, CancellationToken ct)
    {
        var hash = SecretTokens.Hash(token);
        return db.SingleUseLinks.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
            .FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose && l.UsedAt == null && l.ExpiresAt > now, ct);
    }

    /// <summary>Uses the link: true for the one caller that did it while it was live.</summary>
    public static async Task<bool> UseAsync(AccountsDbContext tenantDb, Guid linkId, DateTimeOffset now, CancellationToken ct) =>
        await tenantDb.SingleUseLinks.Where(l => l.Id == linkId && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct) == 1;
}
