using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// The recipient's side of a link share, without an account: its routes (anonymous, limited per address) and the
/// two rules both of them follow. The token in the path is the only key to the row, so it is read past the tenant
/// filter; whatever is gone (expired, used up, revoked, locked, or never there) gets the same 410.
/// </summary>
public static class RecipientLinks
{
    /// <summary>The Host's per-IP limiter policy for the recipient's requests.</summary>
    public const string RateLimitPolicy = "link-open-per-ip";

    internal static void Map(IEndpointRouteBuilder api)
    {
        var links = api.MapGroup("/public/links").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        PreviewLink.Map(links);
        OpenLink.Map(links);
        DownloadLinkFile.Map(links);
    }

    internal static ProblemHttpResult Gone() => TypedResults.Problem(
        "This link has expired, has been used up or revoked, or does not exist. Ask its sender for a new one.", statusCode: 410, title: "Link gone");

    /// <summary>The link behind a token, read past the tenant filter (the token is its only key); null when there is none.</summary>
    internal static Task<LinkShare?> FindAsync(CredentialsDbContext db, string token, CancellationToken ct) =>
        LinkSeal.HashOrNull(token) is { } hash
            ? db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct)
            : Task.FromResult<LinkShare?>(null);
}
