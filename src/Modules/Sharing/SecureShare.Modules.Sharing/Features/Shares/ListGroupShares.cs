using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>A credential shared into the caller's tenant whose audience names a group.</summary>
public sealed record GroupShareDto(Guid CredentialId, string Name, string OriginTenantName, SharePermission Permission);

/// <summary>Admin: the shares into the caller's tenant whose audience names this security group of it, by credential name.</summary>
public static class ListGroupShares
{
    public sealed record Query(Guid GroupId) : IQuery<IReadOnlyList<GroupShareDto>>;

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ISender mediator) : IQueryHandler<Query, IReadOnlyList<GroupShareDto>>
    {
        public async ValueTask<IReadOnlyList<GroupShareDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var shares = await db.Shares.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.FamilyId == me.Tenant.FamilyId && s.TargetTenantId == me.Tenant.Id && !s.AudienceEveryone
                    && s.Audience.Any(a => a.Kind == PrincipalKind.Group && a.PrincipalId == query.GroupId))
                .Select(s => new { s.CredentialId, s.Permission }).ToListAsync(ct);
            var entries = await mediator.Send(new FindVisibleEntries(shares.Select(s => s.CredentialId).ToList()), ct);
            var permissions = shares.ToDictionary(s => s.CredentialId, s => s.Permission);
            return entries.Select(e => new GroupShareDto(e.CredentialId, e.Name, e.OriginTenantName, permissions[e.CredentialId]))
                .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
