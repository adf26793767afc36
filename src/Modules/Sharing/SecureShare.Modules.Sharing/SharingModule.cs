using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Features.Access;
using SecureShare.Modules.Sharing.Features.Partners;
using SecureShare.Modules.Sharing.Features.ShareRules;
using SecureShare.Modules.Sharing.Features.Shares;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing;

/// <summary>Shares of credentials between an MSP and its clients, in both directions.</summary>
public sealed class SharingModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SharingDbContext>();
        services.AddScoped<ShareEnding>();
        services.AddScoped<ShareWriter>();
        services.AddScoped<PartnerRevocation>();
        services.AddScoped<FolderRuleSync>();
        services.AddValidatorsFromAssemblyContaining<SharingModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        PutShare.Map(endpoints);
        BulkShare.Map(endpoints);
        CredentialAccess.Map(endpoints);
        ListSharingPartnerTenants.Map(endpoints);
        ListAudienceCandidates.Map(endpoints);
        ListShares.Map(endpoints);
        StopIncomingShare.Map(endpoints);
        SetIncomingAudience.Map(endpoints);
        RevokeShares.Map(endpoints);
        PutFolderShareRule.Map(endpoints);
        ListFolderShareRules.Map(endpoints);
        ListIncomingShareRules.Map(endpoints);
        SetIncomingRuleFolder.Map(endpoints);
    }
}
