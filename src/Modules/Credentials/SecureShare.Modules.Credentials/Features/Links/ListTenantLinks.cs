using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// Every link share of the caller's tenant, newest first, for its Admins and Technicians: what is out
/// there (<c>state=active</c>, the default) or all of them (<c>state=all</c>). Keyset-paged.
/// </summary>
public static class ListTenantLinks
{
    /// <param name="EndingBy">Only the links that end by then (the web UI's home page; not an API parameter).</param>
    public sealed record Query(string? State, int? Limit, string? Cursor, DateTimeOffset? EndingBy = null) : IQuery<Page<LinkDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/links", async (string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(state, limit, cursor), ct)))
            .WithSummary("Admin or Technician: your tenant's link shares, the live ones (state=active) or all (state=all).");

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.State).Must(s => s is null or "active" or "all").WithMessage("state is active or all.");
    }

    internal sealed class Handler(CredentialsDbContext db, ICurrentUser caller, TimeProvider clock) : IQueryHandler<Query, Page<LinkDto>>
    {
        public async ValueTask<Page<LinkDto>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.ManageCredentials);
            var limit = Paging.Limit(query.Limit);
            var now = clock.GetUtcNow();
            var links = db.Links.AsNoTracking();
            if (query.State is null or "active")
            {
                links = links.Where(l => l.RevokedAt == null && l.Ciphertext != null && l.ExpiresAt > now && l.Views < l.MaxViews
                    && l.FailedAttempts < LinkLimits.MaxFailedPassphrases);
            }

            if (query.EndingBy is { } end)
            {
                links = links.Where(l => l.ExpiresAt <= end);
            }

            if (Paging.Decode(query.Cursor) is { } after)
            {
                // The cursor is the last row's (creation instant, id): newest first on every provider, whatever its GUID order.
                var (at, lastId) = Paging.ParseInstantKey(after);
                links = links.Where(l => l.CreatedAt < at || (l.CreatedAt == at && l.Id < lastId));
            }

            var fetched = await links.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(limit + 1).ToListAsync(ct);
            var page = Paging.ToPage(fetched, limit, l => Paging.InstantKey(l.CreatedAt, l.Id));
            return new Page<LinkDto>(page.Items.Select(l => l.ToDto(now)).ToList(), page.NextCursor);
        }
    }
}
