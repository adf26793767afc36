using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features;

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
            var me = caller.RequireRole(UserRole.Admin, UserRole.Technician);
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

/// <summary>
/// A target tenant's Admin stops a share on their side ("disable sharing on this password"): the
/// credential leaves the target and stays with its origin, flagged "needs rotation" there.
/// </summary>
public static class StopIncomingShare
{
    public sealed record Command(Guid CredentialId) : ICommand<bool>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/incoming-shares/{credentialId}", async (Guid credentialId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(credentialId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Target side Admin: stop a credential shared into this tenant.");

    internal sealed class Handler(ICurrentUser caller, ITenantStore tenants, ISender mediator, ShareEnding ending) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var entry = await mediator.Send(new FindVisibleEntry(command.CredentialId), ct);
            if (entry is null || entry.SharingState != "in")
            {
                throw new NotFoundException("Incoming share");
            }

            var me = caller.RequireRole(UserRole.Admin);
            var origin = await tenants.FindAsync(entry.OriginTenantId, ct) ?? throw new NotFoundException("Incoming share");
            await ending.EndAsync(origin, me.Tenant, [command.CredentialId], "stopped-by-target", ct);
            return true;
        }
    }
}
