using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// The link shares of a credential the caller may see, newest first: its own tenant's, and, for the
/// credential's origin, every tenant's (the origin sees every link of its credentials, wherever made).
/// </summary>
public static class ListLinks
{
    public sealed record Query(Guid CredentialId) : IQuery<IReadOnlyList<LinkDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/links", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("A credential's link shares: state, views, expiry (never a key); its origin sees those made on every side.");

    internal sealed class Handler(CredentialsDbContext db, VisibleCredentials credentials, ICurrentUser caller, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<LinkDto>>
    {
        public async ValueTask<IReadOnlyList<LinkDto>> Handle(Query query, CancellationToken ct)
        {
            var entry = await credentials.EntryAsync(query.CredentialId, ct);
            var now = clock.GetUtcNow();
            var links = await LinksOf(db, entry, caller.Required).AsNoTracking().Where(l => l.CredentialId == query.CredentialId).OrderByDescending(l => l.CreatedAt).ToListAsync(ct);
            return links.Select(l => l.ToDto(now)).ToList();
        }
    }

    /// <summary>
    /// The links the caller answers for: its tenant's own, and, for an Admin or Technician of the credential's
    /// origin, every tenant's. Deliberate bypass of the tenant filter, only for the origin's sharing roles,
    /// only ever narrowed to its own credential.
    /// </summary>
    internal static IQueryable<LinkShare> LinksOf(CredentialsDbContext db, VisibleEntry entry, SessionPrincipal caller) =>
        entry.OriginTenantId == db.Tenant?.Id && caller.Role is UserRole.Admin or UserRole.Technician
            ? db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            : db.Links;
}
