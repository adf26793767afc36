using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Features.Exposure;
using SecureShare.Modules.Credentials.Features.Links;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials;

/// <summary>Passwords, notes and API secrets, encrypted at rest with each origin tenant's data key.</summary>
public sealed class CredentialsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CredentialsDbContext>();
        services.AddScoped<TenantKeys>();
        services.AddScoped<VisibleCredentials>();
        services.AddScoped<ExposureReport>();
        services.AddSingleton<IPasswordHasher<LinkShare>, PasswordHasher<LinkShare>>();
        services.AddValidatorsFromAssemblyContaining<CredentialsModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CreateCredential.Map(endpoints);
        ImportCredentials.Map(endpoints);
        GetCredential.Map(endpoints);
        RevealSecret.Map(endpoints);
        UpdateCredential.Map(endpoints);
        DeleteCredential.Map(endpoints);
        ListVersions.Map(endpoints);
        CreateLink.Map(endpoints);
        ListLinks.Map(endpoints);
        ListTenantLinks.Map(endpoints);
        RevokeLink.Map(endpoints);
        GetUserExposure.Map(endpoints);
        GetLinkPolicy.Map(endpoints);
        SetLinkPolicy.Map(endpoints);
        RecipientLinks.Map(endpoints);
    }
}
