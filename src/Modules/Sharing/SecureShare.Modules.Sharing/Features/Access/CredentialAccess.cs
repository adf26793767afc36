using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Access;

/// <summary>Why a user sees a credential.</summary>
public enum AccessRoute
{
    /// <summary>An Admin sees everything of their tenant.</summary>
    Admin,

    /// <summary>The owning tenant's users see its credentials (a restricted folder narrows that to its groups).</summary>
    OwnerTenant,

    /// <summary>Named in the share's audience, or the share is for everyone.</summary>
    Audience,

    /// <summary>Through a security group: the share's audience, or a restricted folder's.</summary>
    Group,
}

/// <summary>A user who can see a credential, and why.</summary>
public sealed record AccessUser(Guid UserId, string DisplayName)
{
    [JsonIgnore]
    public AccessRoute Route { get; init; }

    /// <summary>The group, when <see cref="Route"/> is <see cref="AccessRoute.Group"/>.</summary>
    [JsonIgnore]
    public string? GroupName { get; init; }

    /// <summary>The route as API.md writes it: admin, audience, group:&lt;name&gt; or owner-tenant.</summary>
    public string Via => Route switch
    {
        AccessRoute.Admin => "admin",
        AccessRoute.Audience => "audience",
        AccessRoute.Group => $"group:{GroupName}",
        _ => "owner-tenant",
    };
}

public sealed record TenantAccess(Guid TenantId, string TenantName, IReadOnlyList<AccessUser> Users, bool RestrictedByFolder);

/// <summary>
/// Effective access: who can see a credential and why, per tenant the caller may look into. The
/// owning tenant's Admins and Technicians see every tenant it is shared with; a target tenant's see
/// their own tenant only. Members may not ask.
/// </summary>
public static class CredentialAccess
{
    public sealed record Query(Guid CredentialId) : IQuery<IReadOnlyList<TenantAccess>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/access", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Who can see this credential, and why, in each tenant the caller may look into.");

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ISender mediator)
        : IQueryHandler<Query, IReadOnlyList<TenantAccess>>
    {
        public async ValueTask<IReadOnlyList<TenantAccess>> Handle(Query query, CancellationToken ct)
        {
            var entry = await mediator.Send(new FindVisibleEntry(query.CredentialId), ct) ?? throw new NotFoundException("Credential");
            var me = caller.Require(Ability.ManageCredentials);
            var scope = new List<TenantInfo> { me.Tenant };
            if (entry.OriginTenantId == me.Tenant.Id)
            {
                foreach (var targetId in await db.Shares.Where(s => s.CredentialId == query.CredentialId).Select(s => s.TargetTenantId).ToListAsync(ct))
                {
                    scope.Add(await tenants.FindAsync(targetId, ct) ?? throw new TenantNotFoundException(targetId));
                }
            }

            var result = new List<TenantAccess>();
            foreach (var tenant in scope)
            {
                using (TenantContext.Begin(tenant))
                {
                    var members = await mediator.Send(new ListTenantMembers(), ct);
                    var access = (await mediator.Send(new GetEntryAccess([query.CredentialId]), ct)).SingleOrDefault();
                    var users = new AccessResolver(members, isOrigin: tenant.Id == entry.OriginTenantId).WhoSees(access)
                        .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
                    result.Add(new TenantAccess(tenant.Id, tenant.Name, users, access?.FolderGroups is not null));
                }
            }

            return result;
        }
    }
}
