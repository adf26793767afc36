using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Folders.Services;

namespace SecureShare.Modules.Folders.Features.Placements;

/// <summary>
/// The credential list of the caller's tenant: filters (folder, text, tag, sharing state, needs
/// rotation), sorted by name, keyset paged, what the caller may see only, never a secret. One SQL
/// query per page, whatever the page size or position: it reads the tenant's entries alone.
/// </summary>
public static class ListCredentials
{
    public sealed record Query(string? FolderId, string? Q, string? Sharing, bool? NeedsRotation, string? Tag, int? Limit, string? Cursor, string? Sort = null)
        : IQuery<Page<CredentialListItem>>;

    /// <summary>name (A→Z, the default), -name (Z→A), updated (oldest change first), -updated (newest first).</summary>
    public static readonly string[] Sorts = ["name", "-name", "updated", "-updated"];

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials", async (
                    string? folderId, string? q, string? sharing, bool? needsRotation, string? tag, int? limit, string? cursor, string? sort,
                    IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(folderId, q, sharing, needsRotation, tag, limit, cursor, sort), ct)))
            .WithSummary("List credentials (folderId: a folder id, or \"root\"; sharing: none|out|in; sort: name|-name|updated|-updated).");

    /// <summary>How many credentials the list's filters match (the web UI's "1–50 of 2,314"); no API route.</summary>
    public sealed record Count(string? FolderId, string? Q, string? Sharing, bool? NeedsRotation, string? Tag) : IQuery<int>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            FilterRules(this, q => new Count(q.FolderId, q.Q, q.Sharing, q.NeedsRotation, q.Tag));
            RuleFor(q => q.Sort).Must(s => s is null || Sorts.Contains(s)).WithMessage("sort is name, -name, updated or -updated.");
        }
    }

    internal sealed class CountValidator : AbstractValidator<Count>
    {
        public CountValidator() => FilterRules(this, c => c);
    }

    private static void FilterRules<T>(AbstractValidator<T> validator, Func<T, Count> filter)
    {
        validator.RuleFor(x => filter(x).FolderId).Must(f => f is null || f == "root" || Guid.TryParse(f, out _))
            .OverridePropertyName(nameof(Count.FolderId)).WithMessage("folderId is a folder id or \"root\".");
        validator.RuleFor(x => filter(x).Q).MaximumLength(200).OverridePropertyName(nameof(Count.Q)).WithMessage("q is at most 200 characters.");
        validator.RuleFor(x => filter(x).Tag).MaximumLength(50).OverridePropertyName(nameof(Count.Tag)).WithMessage("tag is at most 50 characters.");
        validator.RuleFor(x => filter(x).Sharing).Must(s => s is null || WireName.Parse<SharingState>(s) is not null)
            .OverridePropertyName(nameof(Count.Sharing)).WithMessage("sharing is none, out or in.");
    }

    internal sealed class CountHandler(FoldersDbContext db, ICurrentUser caller) : IQueryHandler<Count, int>
    {
        public async ValueTask<int> Handle(Count count, CancellationToken ct) => await Filtered(db.VisibleTo(caller.Required), count).CountAsync(ct);
    }

    /// <summary>The entries the filters keep, of those the caller may see.</summary>
    private static IQueryable<CredentialEntry> Filtered(IQueryable<CredentialEntry> entries, Count filter)
    {
        if (filter.FolderId == "root")
        {
            entries = entries.Where(e => e.FolderId == null);
        }
        else if (filter.FolderId is not null)
        {
            var folderId = Guid.Parse(filter.FolderId);
            entries = entries.Where(e => e.FolderId == folderId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim().ToUpperInvariant();
            entries = entries.Where(e => e.SearchText.Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = filter.Tag.Trim().ToUpperInvariant();
            entries = entries.Where(e => e.Tags.Any(t => t.NormalizedTag == tag));
        }

        if (WireName.Parse<SharingState>(filter.Sharing) is { } sharing)
        {
            entries = entries.Where(e => e.SharingState == sharing);
        }

        if (filter.NeedsRotation is { } needsRotation)
        {
            entries = entries.Where(e => e.NeedsRotation == needsRotation);
        }

        return entries;
    }

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<CredentialListItem>>
    {
        public async ValueTask<Page<CredentialListItem>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var sort = query.Sort ?? "name";
            var entries = Filtered(db.VisibleTo(me), new Count(query.FolderId, query.Q, query.Sharing, query.NeedsRotation, query.Tag));
            entries = Sorted(entries, sort, after);
            var rows = await entries
                .Take(limit + 1)
                .Select(e => new
                {
                    e.SortKey,
                    e.UpdatedAt,
                    Item = new CredentialListItem(
                        e.CredentialId,
                        e.Kind,
                        e.Name,
                        e.Username,
                        e.Url,
                        Array.Empty<string>(),
                        e.FolderId,
                        new ListOrigin(e.OriginTenantId, e.OriginTenantName),
                        new ListSharing(e.SharingState, e.SharedTenantCount),
                        e.Permission.For(me.Role),
                        e.NeedsRotation,
                        e.UpdatedAt),
                    e.TagList,
                })
                .ToListAsync(ct);
            var page = Paging.ToPage(rows, limit, r => sort.EndsWith("name", StringComparison.Ordinal) ? r.SortKey : UpdatedCursor(r.UpdatedAt, r.SortKey));
            return new Page<CredentialListItem>(
                page.Items.Select(r => r.Item with { Tags = r.TagList.Length == 0 ? [] : r.TagList.Split('\n') }).ToList(),
                page.NextCursor);
        }

        /// <summary>
        /// Keyset order and position for each sort. By name the unique key is the sort key (name, then id);
        /// by last change it is the instant, then the sort key, so equal instants still page exactly.
        /// </summary>
        private static IQueryable<CredentialEntry> Sorted(IQueryable<CredentialEntry> entries, string sort, string? after)
        {
            switch (sort)
            {
                case "-name":
                    return (after is null ? entries : entries.Where(e => string.Compare(e.SortKey, after) < 0)).OrderByDescending(e => e.SortKey);
                case "updated" or "-updated":
                    if (after is not null)
                    {
                        var (at, key) = ParseUpdatedCursor(after);
                        entries = sort == "updated"
                            ? entries.Where(e => e.UpdatedAt > at || (e.UpdatedAt == at && string.Compare(e.SortKey, key) > 0))
                            : entries.Where(e => e.UpdatedAt < at || (e.UpdatedAt == at && string.Compare(e.SortKey, key) < 0));
                    }

                    return sort == "updated"
                        ? entries.OrderBy(e => e.UpdatedAt).ThenBy(e => e.SortKey)
                        : entries.OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.SortKey);
                default:
                    return (after is null ? entries : entries.Where(e => string.Compare(e.SortKey, after) > 0)).OrderBy(e => e.SortKey);
            }
        }

        private static string UpdatedCursor(DateTimeOffset at, string sortKey) => $"{at.UtcTicks}\u0002{sortKey}";

        private static (DateTimeOffset At, string Key) ParseUpdatedCursor(string cursor)
        {
            var parts = cursor.Split('\u0002', 2);
            return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : throw ValidationFailedException.For("cursor", "The cursor is not one this API issued for this sort.");
        }
    }
}
