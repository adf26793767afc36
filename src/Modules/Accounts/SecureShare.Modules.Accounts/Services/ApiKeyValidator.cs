using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Checks an API key on every request, in one query by its hash: not revoked, not expired, used from an allowed address,
/// its creator and (for a personal key) owner still enabled, the owner holding any second factor the tenant requires; its
/// role is never above its creator's or owner's of the moment. Its last use is written at most once a minute. A job an
/// API key started is checked the same way when it runs (<see cref="FindForJobAsync"/>).
/// </summary>
internal sealed class ApiKeyValidator(ModuleDbContextFactory<AccountsDbContext> contexts, DbSession session, TimeProvider clock) : IApiKeyValidator
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private static readonly string[] TenantFilterOnly = [ModuleDbContext.TenantFilter];

    public async Task<SessionPrincipal?> ValidateAsync(string key, string? ipAddress, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.Hash(key);
        if (await FindLiveAsync(k => k.KeyHash == hash, cancellationToken) is not var (apiKey, principal) || !Allowed(apiKey.AllowedIps, ipAddress))
        {
            return null; // refused too: used from elsewhere
        }

        var now = clock.GetUtcNow();
        if (apiKey.LastUsedAt is not { } last || now - last >= TouchEvery)
        {
            using (TenantContext.Begin(principal.Tenant))
            using (CommandCounter.AsUpkeep())
            {
                var threshold = now - TouchEvery;
                var id = apiKey.Id;
                await session.InTransactionAsync(
                    () => contexts.Create().ApiKeys.Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt <= threshold))
                        .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedIp, ipAddress), cancellationToken),
                    cancellationToken);
            }
        }

        return principal;
    }

    /// <summary>
    /// A job's caller when an API key started it: the key as a request would find it now (any address: the request that
    /// started the job was checked), or null when it was revoked, expired or its people can no longer use it.
    /// </summary>
    public async Task<SessionPrincipal?> FindForJobAsync(Guid keyId, CancellationToken cancellationToken) =>
        (await FindLiveAsync(k => k.Id == keyId, cancellationToken))?.Principal;

    /// <summary>
    /// The key <paramref name="which"/> selects, in one query (a deliberate, reviewed tenant-filter bypass: the key names no
    /// tenant), and the caller it makes; null when it is refused: revoked or expired; its creator gone or disabled (an
    /// offboarded admin's keys stop); a personal key whose owner is disabled, or lacks the second factor the tenant now
    /// requires (the key must not outlive the policy the person is held to); its tenant offboarded.
    /// </summary>
    private async Task<(ApiKey Key, SessionPrincipal Principal)?> FindLiveAsync(Expression<Func<ApiKey, bool>> which, CancellationToken cancellationToken)
    {
        var db = contexts.Create();
        var row = await (
                from k in db.ApiKeys.IgnoreQueryFilters(TenantFilterOnly).Where(which)
                join t in db.Tenants on k.TenantId equals t.Id
                from msp in db.Tenants.Where(m => m.Id == t.ParentMspId).DefaultIfEmpty()
                from owner in db.Users.IgnoreQueryFilters(TenantFilterOnly).Where(u => u.Id == k.OwnerUserId && u.TenantId == k.TenantId).DefaultIfEmpty()
                from creator in db.Users.IgnoreQueryFilters(TenantFilterOnly).Where(u => u.Id == k.CreatedByUserId && u.TenantId == k.TenantId).DefaultIfEmpty()
                select new
                {
                    Key = k,
                    Tenant = t,
                    MfaRequired = t.MfaRequired || (msp != null && msp.MfaRequiredForClients),
                    Owner = owner,
                    CreatorRole = creator != null && !creator.IsDisabled ? creator.Role : (UserRole?)null,
                    Groups = db.GroupMembers.Where(m => owner != null && m.UserId == owner.Id && m.TenantId == k.TenantId).Select(m => m.GroupId).ToList(),
                })
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.Tenant.State != TenantState.Active || row.Key.RevokedAt is not null || row.Key.ExpiresAt <= clock.GetUtcNow() || row.CreatorRole is null
            || (row.Key.OwnerUserId is not null && (row.Owner is null || row.Owner.IsDisabled || (row.MfaRequired && !row.Owner.HasMfa))))
        {
            return null;
        }

        var (apiKey, tenant) = (row.Key, row.Tenant.ToInfo());
        var use = new ApiKeyUse(apiKey.Id, apiKey.Name, apiKey.ReadOnly);
        var role = Lower(apiKey.Role, row.CreatorRole.Value); // never above its creator's role of the moment
        return (apiKey, row.Owner is { } person
            ? new SessionPrincipal(person.Id, person.Email, $"{apiKey.Name} (API key of {person.DisplayName})", Lower(role, person.Role), tenant, row.Groups, Key: use)
            : new SessionPrincipal(apiKey.Id, "", $"{apiKey.Name} (API key)", role, tenant, [], Key: use));
    }

    /// <summary>The less powerful of two roles (Admin above Technician above Member).</summary>
    public static UserRole Lower(UserRole a, UserRole b) => (UserRole)Math.Max((int)a, (int)b);

    /// <summary>Whether the address is in the list of addresses and CIDR ranges (an empty list allows any).</summary>
    public static bool Allowed(string allowed, string? ipAddress)
    {
        if (allowed.Length == 0)
        {
            return true;
        }

        if (!IPAddress.TryParse(ipAddress, out var address))
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(entry => IPNetwork.TryParse(entry, out var network) ? network.Contains(address) : IPAddress.TryParse(entry, out var single) && single.Equals(address));
    }
}
