using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>The origin side's shares of one credential.</summary>
public static class ListShares
{
    public sealed record Query(Guid CredentialId) : IQuery<IReadOnlyList<ShareDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/shares", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Origin side: the tenants a credential is shared with, and the terms.");

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ISender mediator)
        : IQueryHandler<Query, IReadOnlyList<ShareDto>>
    {
        public async ValueTask<IReadOnlyList<ShareDto>> Handle(Query query, CancellationToken ct)
        {
            var entry = await mediator.Send(new FindVisibleEntry(query.CredentialId), ct) ?? throw new NotFoundException("Credential");
            var me = caller.Require(Ability.ManageCredentials);
            if (entry.OriginTenantId != me.Tenant.Id)
            {
                throw new ForbiddenException("Only the tenant that owns a credential sees its shares.");
            }

            var shares = await db.Shares.Include(s => s.Audience).AsNoTracking().Where(s => s.CredentialId == query.CredentialId)
                .OrderBy(s => s.CreatedAt).ToListAsync(ct);
            var result = new List<ShareDto>(shares.Count);
            foreach (var share in shares)
            {
                result.Add(share.ToDto(await tenants.FindAsync(share.TargetTenantId, ct) ?? throw new TenantNotFoundException(share.TargetTenantId)));
            }

            return result;
        }
    }
}
