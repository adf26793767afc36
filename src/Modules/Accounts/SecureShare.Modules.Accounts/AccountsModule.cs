using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Features.Auth;
using SecureShare.Modules.Accounts.Features.Clients;
using SecureShare.Modules.Accounts.Features.Groups;
using SecureShare.Modules.Accounts.Features.Me;
using SecureShare.Modules.Accounts.Features.Users;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts;

/// <summary>Tenants (MSPs and their clients), users, roles, security groups, sign-in.</summary>
public sealed class AccountsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AccountsDbContext>();
        services.AddMemoryCache();
        services.AddSingleton<IPasswordHasher<User>>(sp => new PasswordHasher<User>(
            Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = sp.GetRequiredService<AuthOptions>().PasswordIterations })));
        services.AddSingleton<PasswordHashGate>();
        services.AddScoped<SessionLifetimes>();
        services.AddScoped<SignIns>();
        services.AddScoped<ITenantStore, TenantStore>();
        services.AddScoped<ISessionValidator, SessionValidator>();
        services.AddScoped<AccountProvisioning>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<LoginThrottle>();
        services.AddValidatorsFromAssemblyContaining<AccountsModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Login.Map(endpoints);
        VerifyMfa.Map(endpoints);
        Logout.Map(endpoints);
        ListMySessions.Map(endpoints);
        EndMySession.Map(endpoints);
        EndAllMySessions.Map(endpoints);
        Signup.Map(endpoints);
        GetMe.Map(endpoints);
        ChangePassword.Map(endpoints);
        GetMyMfa.Map(endpoints);
        EnrolTotp.Map(endpoints);
        ConfirmTotp.Map(endpoints);
        RemoveTotp.Map(endpoints);
        RenewRecoveryCodes.Map(endpoints);
        CreateClient.Map(endpoints);
        ListClients.Map(endpoints);
        CreateUser.Map(endpoints);
        ListUsers.Map(endpoints);
        GetUser.Map(endpoints);
        UpdateUser.Map(endpoints);
        OffboardUser.Map(endpoints);
        CreateGroup.Map(endpoints);
        ListGroups.Map(endpoints);
        GetGroup.Map(endpoints);
        SetGroupMembers.Map(endpoints);
    }
}
