using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit.Features.Chain;

/// <summary>Why a tenant's audit log does not verify: the first thing found wrong, walking the chain from its start.</summary>
public enum ChainBreak
{
    /// <summary>An event's content (or its position) no longer hashes to its link.</summary>
    [JsonStringEnumMemberName("event-changed")]
    EventChanged,

    /// <summary>A link names an event whose row is gone.</summary>
    [JsonStringEnumMemberName("event-missing")]
    EventMissing,

    /// <summary>A position of the chain has no link: links were removed.</summary>
    [JsonStringEnumMemberName("link-missing")]
    LinkMissing,

    /// <summary>An event was linked further out of time order than a transaction can explain: it was added afterwards.</summary>
    [JsonStringEnumMemberName("out-of-order")]
    OutOfOrder,

    /// <summary>An event has waited longer than the bound to be linked.</summary>
    [JsonStringEnumMemberName("unsealed")]
    Unsealed,

    /// <summary>The chain does not end at its signed head (events cut from its end, or the head rewritten).</summary>
    [JsonStringEnumMemberName("head-mismatch")]
    HeadMismatch,

    /// <summary>The head's signature does not verify with the installation's audit key.</summary>
    [JsonStringEnumMemberName("head-signature")]
    HeadSignature,
}

/// <summary>
/// A chain head as signed: position and hash (hex), where the chain starts (the last position retention removed and
/// its hash; 0 and null for none), when, the DER signature (base64) and the id of the key.
/// </summary>
public sealed record SignedHeadDto(long Sequence, string Hash, long StartSequence, string? StartHash, DateTimeOffset SignedAt, string Signature, string KeyId)
{
    internal static SignedHeadDto From(AuditChainHead head) => new(
        head.Index, Convert.ToHexStringLower(head.Hash), head.StartIndex, head.StartHash is null ? null : Convert.ToHexStringLower(head.StartHash),
        head.SignedAt, Convert.ToBase64String(head.Signature), head.KeyId);
}

/// <summary>
/// The verdict on a tenant's log: the linked events that verified, the events not yet linked, the first break (and
/// the event it names, where there is one) and the signed head the chain was checked against.
/// </summary>
public sealed record AuditVerificationDto(bool Valid, long Events, long Unsealed, ChainBreak? Break, Guid? FirstBrokenEventId, SignedHeadDto? Head);

/// <summary>Recomputes the caller tenant's chain from its first link to its signed head, in pages.</summary>
public static class VerifyAuditLog
{
    private const int PageSize = 1000;

    public sealed record Query : IQuery<AuditVerificationDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/verify", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Admin: recompute the own tenant's audit hash chain and check its signed head.");

    internal sealed class Handler(AuditDbContext db, ICurrentUser caller, AuditSigningKey key, AuditOptions options, TimeProvider clock)
        : IQueryHandler<Query, AuditVerificationDto>
    {
        public async ValueTask<AuditVerificationDto> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var tenantId = db.Tenant!.Id;

            // The head first (links the sealer adds meanwhile lie beyond it), and its signature: only a signed head's
            // start and end are the chain's, so nothing is walked from an unsigned one.
            var head = await db.Heads.AsNoTracking().SingleOrDefaultAsync(ct);
            var walk = head is null ? new Walk(0, AuditChain.Genesis, null, null)
                : !key.Signed(head) ? new Walk(0, AuditChain.Genesis, ChainBreak.HeadSignature, null)
                : await WalkAsync(head.StartIndex, head.StartHash ?? AuditChain.Genesis, head.Index, ct);
            var (verdict, brokenEvent) = (walk.Break, walk.BrokenEventId);
            if (verdict is null && head is not null
                && (walk.Verified != head.Index - head.StartIndex || !CryptographicOperations.FixedTimeEquals(walk.Hash, head.Hash)))
            {
                verdict = ChainBreak.HeadMismatch;
            }

            var unlinked = db.Events.AsNoTracking().Where(e => !db.Links.Any(l => l.EventSequence == e.Sequence));
            var unsealed = await unlinked.LongCountAsync(ct);
            if (verdict is null && unsealed > 0)
            {
                var oldest = await unlinked.OrderBy(e => e.At).Select(e => new { e.Id, e.At }).FirstOrDefaultAsync(ct); // none: linked meanwhile
                if (oldest is not null && oldest.At < clock.GetUtcNow() - options.UnsealedBound)
                {
                    (verdict, brokenEvent) = (ChainBreak.Unsealed, oldest.Id);
                }
            }

            return new AuditVerificationDto(
                verdict is null, walk.Verified, unsealed, verdict, brokenEvent,
                head is null ? null : SignedHeadDto.From(head));
        }

        /// <summary>
        /// The links after <paramref name="start"/> (where retention left the chain, or 0) up to <paramref name="last"/>,
        /// each recomputed from its event and the link before it; stops at the first break.
        /// </summary>
        private async Task<Walk> WalkAsync(long start, byte[] startHash, long last, CancellationToken ct)
        {
            var expected = start + 1;
            var previous = startHash;
            DateTimeOffset? previousAt = null;
            while (expected <= last)
            {
                var page = await ChainLinks.PageAsync(db, expected - 1, last, PageSize, ct);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var (link, e) in page)
                {
                    ChainBreak? broken = link.Index != expected ? ChainBreak.LinkMissing
                        : e is null ? ChainBreak.EventMissing
                        : AuditChain.TryLink(previous, e) is not { } recomputed || !CryptographicOperations.FixedTimeEquals(recomputed, link.Hash) ? ChainBreak.EventChanged
                        : previousAt is { } p && e.At < p - options.MaxTransactionTime ? ChainBreak.OutOfOrder
                        : null;
                    if (broken is not null)
                    {
                        return new Walk(expected - 1 - start, previous, broken, link.EventId);
                    }

                    previousAt = e!.At;
                    previous = link.Hash;
                    expected++;
                }
            }

            return new Walk(expected - 1 - start, previous, null, null);
        }

        private sealed record Walk(long Verified, byte[] Hash, ChainBreak? Break, Guid? BrokenEventId);
    }
}
