using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>Admin: the own tenant's sign-in policy (MFA, session lengths).</summary>
public static class GetTenantPolicy
{
    public sealed record Query : IQuery<TenantPolicyDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tenant/policy", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Admin: your tenant's policy: MFA required (and, for an MSP, required of its clients), session lengths, file quota.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, AuthOptions options, FileSettings files) : IQueryHandler<Query, TenantPolicyDto>
    {
        public async ValueTask<TenantPolicyDto> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            return await TenantPolicies.OfAsync(db, me.Tenant.Id, options, files, ct);
        }
    }
}

/// <summary>A tenant's policy as its admin sees it, with its MSP's requirement.</summary>
internal static class TenantPolicies
{
    public static async Task<TenantPolicyDto> OfAsync(AccountsDbContext db, Guid tenantId, AuthOptions options, FileSettings files, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        var byMsp = tenant.ParentMspId is { } msp && await db.Tenants.AnyAsync(t => t.Id == msp && t.MfaRequiredForClients, ct);
        return new TenantPolicyDto(
            tenant.MfaRequired,
            tenant.Kind == TenantKind.Msp ? tenant.MfaRequiredForClients : null,
            byMsp,
            tenant.SsoRequired,
            (int)tenant.SessionIdleTimeout(options).TotalMinutes,
            (int)tenant.SessionMaxLifetime(options).TotalHours,
            tenant.FileQuotaMb ?? files.TenantQuotaMb);
    }
}
