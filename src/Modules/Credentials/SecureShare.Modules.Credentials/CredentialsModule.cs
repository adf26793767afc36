using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Attachments;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Features.Exposure;
using SecureShare.Modules.Credentials.Features.Links;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials;

/// <summary>Passwords, notes, API secrets and files, encrypted at rest with each origin tenant's data key.</summary>
public sealed class CredentialsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CredentialsDbContext>();
        services.AddScoped<TenantKeys>();
        services.AddScoped<VisibleCredentials>();
        services.AddScoped<ExposureReport>();
        var files = configuration.GetSection(FileSettings.Section).Get<FileSettings>() ?? new FileSettings();
        services.AddSingleton(files);
        services.AddScoped<FileQuota>();
        services.AddScoped<FileUploads>();
        services.AddScoped<FileContent>();
        services.AddScoped<StoredFiles>();
        services.AddScoped<LinkFiles>();
        if (files.Storage == FileStorage.Directory)
        {
            services.AddSingleton(s => new DirectoryFileStore(s.GetRequiredService<DataFolder>().Folder(files.Directory, "files")));
            services.AddScoped<IFileStore>(s => s.GetRequiredService<DirectoryFileStore>());
        }
        else
        {
            services.AddScoped<IFileStore, DatabaseFileStore>();
        }

        services.AddSingleton<IPasswordHasher<LinkShare>, PasswordHasher<LinkShare>>();
        services.AddValidatorsFromAssemblyContaining<CredentialsModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CreateCredential.Map(endpoints);
        ImportCredentials.Map(endpoints);
        Features.Imports.ImportFile.Map(endpoints);
        Features.Exports.ExportCredentials.Map(endpoints);
        Features.Exports.DownloadHandoverPackage.Map(endpoints);
        GetCredential.Map(endpoints);
        RevealSecret.Map(endpoints);
        UpdateCredential.Map(endpoints);
        DeleteCredential.Map(endpoints);
        TransferCredential.Map(endpoints);
        ListVersions.Map(endpoints);
        AddAttachment.Map(endpoints);
        ListAttachments.Map(endpoints);
        DownloadAttachment.Map(endpoints);
        ReplaceAttachment.Map(endpoints);
        DeleteAttachment.Map(endpoints);
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
