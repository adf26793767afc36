using Mediator;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.ContractHandlers;

/// <summary>Shares as a bulk share does (the same plan, writes and audit), on the terms an import gives: everyone, View, no expiry.</summary>
internal sealed class ShareWithClientHandler(SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ShareWriter writer) : ICommandHandler<ShareWithClient, int>
{
    public async ValueTask<int> Handle(ShareWithClient command, CancellationToken ct)
    {
        var me = caller.Require(Ability.ManageCredentials);
        var target = await db.LockedTargetAsync(tenants, me.Tenant, command.ClientTenantId, ct);
        var plan = await writer.PlanAsync(target, command.CredentialIds, new ShareTerms(true, SharePermission.View, new ShareAudience(true, [], []), null), ct);
        await writer.ApplyAsync(plan, ct);
        return command.CredentialIds.Count;
    }
}
