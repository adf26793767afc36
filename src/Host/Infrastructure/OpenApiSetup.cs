using Microsoft.OpenApi;

namespace SecureShare.Host.Infrastructure;

internal static class OpenApiSetup
{
    /// <summary>The OpenAPI document at /openapi/v1.json, declaring bearer authentication for the interactive reference.</summary>
    public static IServiceCollection AddSecureShareOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SecureShare API";
            document.Info.Description = "Credentials shared between MSPs and their clients. Sign in with POST /api/v1/auth/login and send the token as a bearer token.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The accessToken from POST /api/v1/auth/login.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
}
