using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>A tenant's link share policy: the longest expiry its link shares may have.</summary>
public sealed record LinkPolicyDto(int MaxExpiryMinutes);

public static class GetLinkPolicy
{
    public sealed record Query : IQuery<LinkPolicyDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/links/policy", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("Your tenant's link share policy.");

    internal sealed class Handler(CredentialsDbContext db) : IQueryHandler<Query, LinkPolicyDto>
    {
        public async ValueTask<LinkPolicyDto> Handle(Query query, CancellationToken ct) => new(await MaxExpiryMinutesAsync(db, ct));
    }

    /// <summary>The longest expiry the context's tenant allows: its policy's, or the default.</summary>
    internal static async Task<int> MaxExpiryMinutesAsync(CredentialsDbContext db, CancellationToken ct) =>
        await db.LinkPolicies.Select(p => (int?)p.MaxExpiryMinutes).FirstOrDefaultAsync(ct) ?? LinkLimits.DefaultMaxExpiryMinutes;
}
