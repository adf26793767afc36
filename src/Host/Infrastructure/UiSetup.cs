using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Host.Ui;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The web UI: Blazor components rendered on the server (no WebAssembly, no circuits: every click is a
/// request that goes through the same authentication, tenant scope and application layer as the API).
/// Forms carry an antiforgery token; pages get a strict Content-Security-Policy and send no referrer.
/// </summary>
internal static class UiSetup
{
    public static IServiceCollection AddSecureShareUi(this IServiceCollection services, string dataDirectory, DatabaseProvider provider)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "secureshare.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });

        // Cookies (session, antiforgery, sign-in state of single sign-on) are protected by keys that survive restarts:
        // on a server database in the database itself, so that every host behind a balancer reads what another wrote;
        // on the embedded default (one host) beside the data. Either way each key is stored encrypted under the master key.
        var keyRing = services.AddDataProtection().SetApplicationName("SecureShare");
        if (provider == DatabaseProvider.Sqlite)
        {
            keyRing.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        }
        else
        {
            keyRing.PersistKeysToAccountsDatabase();
            services.AddSingleton<ISchemaInstaller, FirstCookieKey>();
        }

        services.AddOptions<KeyManagementOptions>().Configure<MasterKeyRing>((o, masters) => o.XmlEncryptor = new MasterKeyXmlEncryptor(masters));
        return services;
    }

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>Security headers on every page of the UI (the API answers JSON; Scalar and Hangfire bring their own pages).</summary>
    public static IApplicationBuilder UseUiSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/hangfire") && !path.StartsWithSegments("/openapi"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!path.StartsWithSegments("/css") && !path.StartsWithSegments("/js"))
            {
                headers.CacheControl = "no-store";
            }
        }

        await next(context);
    });

    /// <summary>
    /// The link share recipient page: static HTML and one script, under a policy that allows nothing else
    /// (no inline script, no other origin, no frames, no form posts); never cached, no referrer.
    /// </summary>
    private const string LinkPagePolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void MapSecureShareUi(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        var linkPage = Path.Combine(app.Environment.WebRootPath, "link.html");
        app.MapGet("/s/{token}", (HttpContext http) =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = LinkPagePolicy;
                headers.CacheControl = "no-store";
                headers["Referrer-Policy"] = "no-referrer";
                headers["X-Robots-Tag"] = "noindex, nofollow";
                return TypedResults.PhysicalFile(linkPage, "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapSecretEndpoints();
        app.MapFileEndpoints();
        app.MapTransferEndpoints();

        // The audit page's export buttons: the API's export, on the UI's cookie.
        SecureShare.Modules.Audit.Features.Export.ExportAuditLog.Map(app).ExcludeFromDescription();
    }
}
