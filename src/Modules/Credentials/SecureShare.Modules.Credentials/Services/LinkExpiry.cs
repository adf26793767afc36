using Mediator;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Features.Links;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// How long a link may live: never past what the creating tenant's policy allows, nor, for a credential
/// shared in, past what its origin's policy allows or past the share's own expiry. A link never outlives
/// the access it came from (and when that share ends first, its links end with it).
/// </summary>
internal static class LinkExpiry
{
    public sealed record Latest(DateTimeOffset At, string Why)
    {
        public string Explain(DateTimeOffset now) =>
            $"A link of this credential may live at most {Math.Max(0, (int)(At - now).TotalMinutes)} minutes: {Why}.";
    }

    /// <param name="db">the creating tenant's context</param>
    /// <param name="owner">the credential's origin tenant's context (the same for a tenant's own credential)</param>
    public static async Task<Latest> LatestAsync(
        CredentialsDbContext db, CredentialsDbContext owner, Guid credentialId, ISender mediator, DateTimeOffset now, CancellationToken ct)
    {
        var latest = new Latest(now.AddMinutes(await GetLinkPolicy.MaxExpiryMinutesAsync(db, ct)), "this tenant's link policy");
        if (owner.Tenant is not { } origin || origin.Id == db.Tenant?.Id)
        {
            return latest;
        }

        var originCap = now.AddMinutes(await GetLinkPolicy.MaxExpiryMinutesAsync(owner, ct));
        if (originCap < latest.At)
        {
            latest = new Latest(originCap, "the link policy of the tenant that owns it");
        }

        var share = await mediator.Send(new FindIncomingShare(credentialId, origin.Id), ct) ?? throw new NotFoundException("Credential");
        return share.ExpiresAt is { } shareEnds && shareEnds < latest.At ? new Latest(shareEnds, "the share it came from ends then") : latest;
    }
}
