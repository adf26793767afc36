using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>The recipient page's first look at a link share: its title and whether it needs a passphrase. Counts no view.</summary>
public static class PreviewLink
{
    /// <summary>What the page shows before opening: no view is counted.</summary>
    public sealed record PreviewDto(string Title, bool PassphraseRequired, DateTimeOffset ExpiresAt);

    public sealed record Query(string Token) : IQuery<PreviewDto?>
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder links) =>
        links.MapGet("/{token}", async Task<Results<Ok<PreviewDto>, ProblemHttpResult>> (string token, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return await mediator.Send(new Query(token), ct) is { } preview ? TypedResults.Ok(preview) : RecipientLinks.Gone();
            })
            .WithSummary("The recipient page's first look: title and whether a passphrase is needed (counts no view).")
            .ProducesProblem(StatusCodes.Status410Gone);

    internal sealed class Handler(CredentialsDbContext db, TimeProvider clock) : IQueryHandler<Query, PreviewDto?>
    {
        public async ValueTask<PreviewDto?> Handle(Query query, CancellationToken ct) =>
            await RecipientLinks.FindAsync(db, query.Token, ct) is { } link && link.StateAt(clock.GetUtcNow()) == LinkState.Active
                ? new PreviewDto(link.Title, link.PassphraseHash is not null, link.ExpiresAt)
                : null;
    }
}
