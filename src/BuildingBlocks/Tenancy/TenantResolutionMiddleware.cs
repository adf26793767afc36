using Microsoft.AspNetCore.Http;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>
/// Sets the ambient tenant from the authenticated session (the token's tenant, re-checked
/// against the database) and from nothing else: no header, route or query value the
/// caller controls can choose a tenant. Anonymous requests run with no tenant.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var principal = context.Features.Get<SessionPrincipal>();
        if (principal is null)
        {
            await next(context);
            return;
        }

        using (TenantContext.Begin(principal.Tenant))
        {
            await next(context);
        }
    }
}
