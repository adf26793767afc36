using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Modules.Audit.Features.Events;
using SecureShare.Modules.Audit.Features.Export;
using SecureShare.Modules.Audit.Features.Retention;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit;

/// <summary>The append-only audit log of every tenant.</summary>
public sealed class AuditModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AuditDbContext>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditLogEntries>();
        services.AddScoped<IAuditHistory, AuditHistory>();
        services.AddSingleton(configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions());
        services.AddValidatorsFromAssemblyContaining<AuditModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ListAuditEvents.Map(endpoints);
        ListClientAuditEvents.Map(endpoints);
        VerifyAuditLog.Map(endpoints);
        GetSigningKey.Map(endpoints);
        ExportAuditLog.Map(endpoints);
        ReadAuditFeed.Map(endpoints);
        GetAuditPolicy.Map(endpoints);
        SetAuditPolicy.Map(endpoints);
    }
}
