using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Features.Folders;
using SecureShare.Modules.Folders.Features.Placements;

namespace SecureShare.Modules.Folders;

/// <summary>Each tenant's folder tree, the placement of every credential visible there, and the credential list.</summary>
public sealed class FoldersModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<FoldersDbContext>();
        services.AddValidatorsFromAssemblyContaining<FoldersModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ListFolders.Map(endpoints);
        CreateFolder.Map(endpoints);
        UpdateFolder.Map(endpoints);
        DeleteFolder.Map(endpoints);
        ListCredentials.Map(endpoints);
        MovePlacements.Map(endpoints);
    }
}
