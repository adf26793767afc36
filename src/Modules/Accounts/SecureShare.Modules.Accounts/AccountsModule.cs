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
using SecureShare.Modules.Accounts.Features.ApiKeys;
using SecureShare.Modules.Accounts.Features.Auth;
using SecureShare.Modules.Accounts.Features.Clients;
using SecureShare.Modules.Accounts.Features.Groups;
using SecureShare.Modules.Accounts.Features.Me;
using SecureShare.Modules.Accounts.Features.Tenants;
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
        services.AddScoped<SecondFactorSignIn>();
        services.AddScoped<Passkeys>();
        services.AddScoped<RecentSignIn>();
        services.AddScoped<Invitations>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<TenantStore>();
        services.AddScoped<ITenantStore>(sp => sp.GetRequiredService<TenantStore>());
        services.AddScoped<ISessionValidator, SessionValidator>();
        services.AddScoped<ApiKeyValidator>();
        services.AddScoped<IApiKeyValidator>(sp => sp.GetRequiredService<ApiKeyValidator>());
        services.AddScoped<IUserPrincipals, UserPrincipals>();
        services.AddScoped<AccountProvisioning>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<IRateCounter>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite
            ? new InProcessRateCounter(sp.GetRequiredService<TimeProvider>())
            : new DatabaseRateCounter(sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddValidatorsFromAssemblyContaining<AccountsModule>(includeInternalTypes: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Login.Map(endpoints);
        VerifyMfa.Map(endpoints);
        StartPasskeySignIn.Map(endpoints);
        VerifyPasskey.Map(endpoints);
        AcceptInvitation.Map(endpoints);
        RequestPasswordReset.Map(endpoints);
        ResetPassword.Map(endpoints);
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
        StartPasskeyRegistration.Map(endpoints);
        AddPasskey.Map(endpoints);
        RemovePasskey.Map(endpoints);
        RenewRecoveryCodes.Map(endpoints);
        CreateClient.Map(endpoints);
        ListClients.Map(endpoints);
        OffboardClient.Map(endpoints);
        ResendClientAdminInvitation.Map(endpoints);
        CreateUser.Map(endpoints);
        InviteUser.Map(endpoints);
        ListUsers.Map(endpoints);
        GetUser.Map(endpoints);
        UpdateUser.Map(endpoints);
        OffboardUser.Map(endpoints);
        ResetUserMfa.Map(endpoints);
        EndUserSessions.Map(endpoints);
        GetTenantPolicy.Map(endpoints);
        CreateApiKey.Map(endpoints);
        ListApiKeys.Map(endpoints);
        RevokeApiKey.Map(endpoints);
        SetTenantPolicy.Map(endpoints);
        GetTenantSso.Map(endpoints);
        SetTenantSso.Map(endpoints);
        RemoveTenantSso.Map(endpoints);
        CreateGroup.Map(endpoints);
        ListGroups.Map(endpoints);
        GetGroup.Map(endpoints);
        SetGroupMembers.Map(endpoints);
    }
}
