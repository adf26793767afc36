using Microsoft.AspNetCore.RateLimiting;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Features.Auth;
using SecureShare.Modules.Credentials.Features.Links;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The per-address limits of the endpoints that name a policy with <see cref="EnableRateLimitingAttribute"/> (the
/// sign-in family's posts, a link recipient's requests). They count through the installation's
/// <see cref="IRateCounter"/> rather than ASP.NET's in-process limiter, so every host behind a balancer draws on the
/// one count of an address: N hosts allow what one allows.
/// </summary>
internal static class AddressLimits
{
    public static IApplicationBuilder UseAddressLimits(this IApplicationBuilder app, IConfiguration configuration)
    {
        var auth = app.ApplicationServices.GetRequiredService<AuthOptions>();
        var linkOpensPerIp = configuration.GetValue("Links:OpensPerIpPerMinute", 30);
        return app.Use(async (context, next) =>
        {
            var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            var permits = policy switch
            {
                // Sign-in attempts (the API's POST, the sign-in page's form post) count; showing the page does not.
                LoginRateLimit.Policy when !HttpMethods.IsGet(context.Request.Method) => auth.LoginsPerIpPerMinute,
                // A link recipient's requests (look and open, passphrase guesses among them) count per address.
                RecipientLinks.RateLimitPolicy => linkOpensPerIp,
                _ => (int?)null,
            };
            if (permits is { } limit && !await context.RequestServices.GetRequiredService<IRateCounter>()
                    .AllowsAsync($"address:{policy}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", limit, context.RequestAborted))
            {
                throw new TooManyRequestsException("Too many attempts from this address. Wait a minute and try again.", TimeSpan.FromMinutes(1));
            }

            await next(context);
        });
    }
}
