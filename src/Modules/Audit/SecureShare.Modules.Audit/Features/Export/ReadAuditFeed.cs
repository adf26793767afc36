using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit.Features.Export;

/// <summary>A page of the feed: its events in chain order, the cursor to ask with next, and whether more are there now.</summary>
public sealed record AuditFeedPage(IReadOnlyList<AuditLogEntryDto> Items, string Cursor, bool HasMore);

/// <summary>
/// The forward feed a SIEM polls (the shape of 1Password's Events API): the caller tenant's events in chain order
/// after the cursor. Only linked events are fed: a position is given once and never moves, so a reader that keeps
/// the last cursor it was given resumes after a restart without losing or repeating an event (at least once, if it
/// saves the cursor after handling the page). Events reach the feed when the sealer links them (within a minute or two).
/// </summary>
public static class ReadAuditFeed
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    public sealed record Query(string? Cursor, int? Limit) : IQuery<AuditFeedPage>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/events", async (string? cursor, int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(cursor, limit), ct)))
            .WithSummary("Admin: the own tenant's audit events after the cursor, in chain order; no cursor starts at the first event.");

    internal sealed class Handler(AuditDbContext db, AuditLogEntries entries, ICurrentUser caller) : IQueryHandler<Query, AuditFeedPage>
    {
        public async ValueTask<AuditFeedPage> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var limit = query.Limit switch
            {
                null => DefaultLimit,
                < 1 or > MaxLimit => throw ValidationFailedException.For("limit", $"limit must be between 1 and {MaxLimit}."),
                { } l => l,
            };
            var after = Paging.Decode(query.Cursor) is { } key
                ? long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : throw ValidationFailedException.For("cursor", "The cursor is not one this API issued.")
                : 0L;

            var head = await db.Heads.AsNoTracking().Select(h => (long?)h.Index).SingleOrDefaultAsync(ct) ?? 0;
            var items = await entries.LinkedAsync(new AuditFilter(null, null, null, null, null), after, head, limit, ct);
            var last = items.Count > 0 ? items[^1].Sequence!.Value : after;
            return new AuditFeedPage(items, Paging.Encode(last.ToString(CultureInfo.InvariantCulture)), last < head);
        }
    }
}
