using FluentValidation;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Features.Shares;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Domain;

internal static class SharingEdge
{
    /// <summary>MSP → one of its clients, or client → its MSP. Never client to client, never across MSPs.</summary>
    public static bool Allows(TenantInfo origin, TenantInfo target) =>
        (origin.Kind == TenantKind.Msp && target.IsClientOf(origin.Id)) || (target.Kind == TenantKind.Msp && origin.IsClientOf(target.Id));

    /// <summary>
    /// The partner tenant, when sharing with it is allowed; any other id, existing or not, and an offboarded client, is a
    /// 404. Read from the database, not a host's cache: an offboarding on another host takes effect at once.
    /// </summary>
    public static async Task<TenantInfo> TargetAsync(ITenantStore tenants, TenantInfo origin, Guid targetId, CancellationToken ct)
    {
        var target = await tenants.FindCurrentAsync(targetId, ct);
        return target is { State: TenantState.Active } && Allows(origin, target) ? target : throw new NotFoundException("Tenant");
    }

    /// <summary>
    /// The partner tenant as <see cref="TargetAsync"/> finds it, read under the family lock: a share or move decided on it
    /// cannot commit after an offboarding that ended the partnership (which holds the lock until it commits). A client
    /// origin is read again too: its own request may have been let in just before it was offboarded.
    /// </summary>
    public static async Task<TenantInfo> LockedTargetAsync(this SharingDbContext db, ITenantStore tenants, TenantInfo origin, Guid targetId, CancellationToken ct)
    {
        await db.LockFamilyAsync(origin, ct);
        if (origin.Kind == TenantKind.Client && await tenants.FindCurrentAsync(origin.Id, ct) is not { State: TenantState.Active })
        {
            throw new UnauthorizedException("This organisation was offboarded: nobody of it signs in or shares any more.");
        }

        return await TargetAsync(tenants, origin, targetId, ct);
    }

    public static ShareDto ToDto(this Share share, TenantInfo target) => new(
        target.Id,
        target.Name,
        new AudienceDto(
            share.AudienceEveryone,
            share.Audience.Where(a => a.Kind == PrincipalKind.User).Select(a => a.PrincipalId).Order().ToList(),
            share.Audience.Where(a => a.Kind == PrincipalKind.Group).Select(a => a.PrincipalId).Order().ToList()),
        share.Permission,
        share.ExpiresAt,
        share.CreatedAt,
        share.CreatedByName,
        share.RuleId is not null);
}
