using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// The OpenID Connect client of a tenant's single sign-on, for the Host's handler of /sso/{identifier}: read on each
/// such request (so every host sees a change at once), the client secret opened for that request only.
/// </summary>
public static class FindSso
{
    /// <summary>The settings of the tenant; the client secret opened only when <paramref name="WithSecret"/> (a page that names the provider needs none).</summary>
    public sealed record Query(string TenantIdentifier, bool WithSecret = true) : IQuery<Settings?>;

    /// <summary>What the relying party needs; <see cref="Stamp"/> changes with every change of the settings.</summary>
    public sealed record Settings(Guid TenantId, string TenantIdentifier, string DisplayName, string Authority, string ClientId, string ClientSecret, string? GroupClaim, Guid Stamp)
    {
        public override string ToString() => Redacted.Text;
    }

    internal sealed class Handler(AccountsDbContext db, ModuleDbContextFactory<AccountsDbContext> contexts, IMediator mediator) : IQueryHandler<Query, Settings?>
    {
        public async ValueTask<Settings?> Handle(Query query, CancellationToken ct)
        {
            var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Identifier == query.TenantIdentifier, ct);
            if (tenant is not { State: TenantState.Active }) // an offboarded client signs nobody in (a deleted one's secret cannot be opened)
            {
                return null;
            }

            using var scope = TenantContext.Begin(tenant.ToInfo());
            var sso = await contexts.Create().Sso.AsNoTracking().FirstOrDefaultAsync(ct);
            if (sso is null)
            {
                return null;
            }

            var secret = query.WithSecret ? await mediator.Send(new OpenTenantSecret(sso.Id, TenantSso.SecretField, sso.ClientSecret), ct) : "";
            return new Settings(tenant.Id, tenant.Identifier, sso.DisplayName, sso.Authority, sso.ClientId, secret, sso.GroupClaim, sso.Stamp);
        }
    }
}
