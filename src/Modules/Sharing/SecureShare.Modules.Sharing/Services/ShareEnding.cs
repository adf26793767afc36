using System.Text.Json.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;

namespace SecureShare.Modules.Sharing.Services;

/// <summary>How a share ended; each way has its audit event (<see cref="ShareEnding.EventOf"/>).</summary>
internal enum ShareEnd
{
    [JsonStringEnumMemberName("stopped")]
    Stopped,

    [JsonStringEnumMemberName("stopped-by-target")]
    StoppedByTarget,

    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("revoked")]
    Revoked,

    [JsonStringEnumMemberName("deleted")]
    Deleted,
}

/// <summary>
/// Ends shares from one origin to one target, however they end (<see cref="ShareEnd"/>): the share rows go, the
/// credentials leave the target tenant, the origin's copies are flagged "needs rotation", and both tenants' logs
/// record the end's event per credential, all in the caller's transaction and in a constant number of statements. A link never
/// outlives the access it came from: every live link the target made of those credentials ends with the
/// share. Shares that no longer exist are skipped; the credentials whose share did end are returned. The events name
/// the credentials by the names given, or as the origin calls them now.
/// </summary>
internal sealed class ShareEnding(ModuleDbContextFactory<SharingDbContext> contexts, IMediator mediator, IAuditTrail audit)
{
    public async Task<EndedShares> EndAsync(
        TenantInfo origin, TenantInfo target, IReadOnlyCollection<Guid> credentialIds, ShareEnd how, CancellationToken ct, DateTimeOffset? expiredBy = null,
        IReadOnlyDictionary<Guid, string>? names = null)
    {
        var ids = credentialIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return EndedShares.None;
        }

        List<Guid> ended;
        using (TenantContext.Begin(origin))
        {
            var db = contexts.Create();
            await db.LockFamilyAsync(origin, ct);
            var shares = db.Shares.Where(s => s.TargetTenantId == target.Id && ids.Contains(s.CredentialId));
            if (expiredBy is { } instant)
            {
                shares = shares.Where(s => s.ExpiresAt <= instant); // a share renewed since it was found expired stays
            }

            ended = await shares.Select(s => s.CredentialId).ToListAsync(ct);
            if (ended.Count == 0)
            {
                return EndedShares.None;
            }

            names ??= await mediator.Send(new GetCredentialNames(ended), ct);
            await shares.ExecuteDeleteAsync(ct); // the audience rows go with them (cascade)
            await mediator.Send(new FlagNeedsRotation(ended), ct);
            await mediator.Publish(new ShareCountsChanged(ended, -1), ct);
            await audit.RecordManyAsync(Records(EventOf(how), ended, names, target), ct);
        }

        int links;
        using (TenantContext.Begin(target))
        {
            await mediator.Publish(new CredentialsUnsharedFrom(ended), ct);
            await audit.RecordManyAsync(Records(EventOf(how), ended, names, origin), ct);
            links = await mediator.Send(new RevokeLinkShares(ended, $"the share it came from ended ({WireName.Of(how)})"), ct);
        }

        return new EndedShares(ended, links);
    }

    public static string EventOf(ShareEnd how) => how switch
    {
        ShareEnd.Stopped => ShareAuditEvents.Stopped,
        ShareEnd.StoppedByTarget => ShareAuditEvents.StoppedByTarget,
        ShareEnd.Expired => ShareAuditEvents.Expired,
        ShareEnd.Revoked => ShareAuditEvents.Revoked,
        _ => ShareAuditEvents.Deleted,
    };

    /// <summary>One event of this type per credential, naming the credential and the other tenant.</summary>
    public static List<AuditRecord> Records(
        string type, IEnumerable<Guid> credentialIds, IReadOnlyDictionary<Guid, string> names, TenantInfo other, IReadOnlyDictionary<string, string>? details = null)
    {
        var tenant = new AuditTarget(AuditTargetKinds.Tenant, other.Id, other.Name);
        return credentialIds.Select(id => new AuditRecord(
                type, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, id, names.GetValueOrDefault(id)), tenant], details))
            .ToList();
    }
}

/// <summary>The credentials whose share ended, and how many links made of them in the target ended with it.</summary>
internal sealed record EndedShares(IReadOnlyList<Guid> CredentialIds, int LinksEnded)
{
    public static readonly EndedShares None = new([], 0);
}
