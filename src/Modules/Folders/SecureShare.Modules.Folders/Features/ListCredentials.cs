using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Data;

namespace SecureShare.Modules.Folders.Features;

public sealed record ListOrigin(Guid TenantId, string TenantName);

public sealed record ListSharing(string State, int TenantCount);

public sealed record CredentialListItem(
    Guid Id,
    CredentialKind Kind,
    string Name,
    string? Username,
    string? Url,
    IReadOnlyList<string> Tags,
    Guid? FolderId,
    ListOrigin Origin,
    ListSharing Sharing,
    string Permission,
    bool NeedsRotation,
    DateTimeOffset UpdatedAt);

/// <summary>
/// The credential list of the caller's tenant: filters (folder, text, tag, sharing state, needs
/// rotation), sorted by name, keyset paged, what the caller may see only, never a secret. One SQL
/// query per page, whatever the page size or position: it reads the tenant's entries alone.
/// </summary>
public static class ListCredentials
{
    public sealed record Query(string? FolderId, string? Q, string? Sharing, bool? NeedsRotation, string? Tag, int? Limit, string? Cursor)
        : IQuery<Page<CredentialListItem>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials", async (
                    string? folderId, string? q, string? sharing, bool? needsRotation, string? tag, int? limit, string? cursor,
                    IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(folderId, q, sharing, needsRotation, tag, limit, cursor), ct)))
            .WithTags("Credentials")
            .WithSummary("List credentials (folderId: a folder id, or \"root\"; sharing: none|out|in).");

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.FolderId).Must(f => f is null || f == "root" || Guid.TryParse(f, out _))
                .WithMessage("folderId is a folder id or \"root\".");
            RuleFor(q => q.Q).MaximumLength(200).WithMessage("q is at most 200 characters.");
            RuleFor(q => q.Tag).MaximumLength(50).WithMessage("tag is at most 50 characters.");
            RuleFor(q => q.Sharing).Must(s => s is null or "none" or "out" or "in").WithMessage("sharing is none, out or in.");
        }
    }

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<CredentialListItem>>
    {
        public async ValueTask<Page<CredentialListItem>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var entries = db.VisibleTo(me);

            if (query.FolderId == "root")
            {
                entries = entries.Where(e => e.FolderId == null);
            }
            else if (query.FolderId is not null)
            {
                var folderId = Guid.Parse(query.FolderId);
                entries = entries.Where(e => e.FolderId == folderId);
            }

            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var text = query.Q.Trim().ToUpperInvariant();
                entries = entries.Where(e => e.SearchText.Contains(text));
            }

            if (!string.IsNullOrWhiteSpace(query.Tag))
            {
                var tag = query.Tag.Trim().ToUpperInvariant();
                entries = entries.Where(e => e.Tags.Any(t => t.NormalizedTag == tag));
            }

            if (query.Sharing is { } sharing)
            {
                entries = entries.Where(e => e.SharingState == sharing);
            }

            if (query.NeedsRotation is { } needsRotation)
            {
                entries = entries.Where(e => e.NeedsRotation == needsRotation);
            }

            if (after is not null)
            {
                entries = entries.Where(e => string.Compare(e.SortKey, after) > 0);
            }

            var canEdit = me.Role is UserRole.Admin or UserRole.Technician;
            var rows = await entries
                .OrderBy(e => e.SortKey)
                .Take(limit + 1)
                .Select(e => new
                {
                    e.SortKey,
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
                        e.Permission == EntryProjection.Owner ? (canEdit ? "Edit" : "View") : e.Permission,
                        e.NeedsRotation,
                        e.UpdatedAt),
                    e.TagList,
                })
                .ToListAsync(ct);
            var page = Paging.ToPage(rows, limit, r => r.SortKey);
            return new Page<CredentialListItem>(
                page.Items.Select(r => r.Item with { Tags = r.TagList.Length == 0 ? [] : r.TagList.Split('\n') }).ToList(),
                page.NextCursor);
        }
    }
}
