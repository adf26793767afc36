using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using SecureShare.Modules.Credentials.Features.Credentials;

namespace SecureShare.Host.Ui;

/// <summary>
/// What the UI's scripts fetch to put a secret on the clipboard or a one-time code on screen: POST only, on the UI's
/// session cookie with its antiforgery token (a page of another site can neither send nor read it), answered no-store.
/// They run the same commands as the API (the copy is a reveal, audited as one), so the page carries no secret before.
/// </summary>
internal static class SecretEndpoints
{
    public static void MapSecretEndpoints(this IEndpointRouteBuilder app)
    {
        var ui = app.MapGroup("/ui/credentials/{id:guid}").RequireAuthorization().ExcludeFromDescription();

        ui.MapPost("/copy", async (Guid id, HttpContext http, IAntiforgery antiforgery, IMediator mediator, CancellationToken ct) =>
            await ForgeryRefusedAsync(http, antiforgery) ?? Answer(http, new CopiedSecret((await mediator.Send(new RevealSecret.Command(id), ct)).Secret)));

        ui.MapPost("/totp", async (Guid id, HttpContext http, IAntiforgery antiforgery, IMediator mediator, CancellationToken ct) =>
            await ForgeryRefusedAsync(http, antiforgery) ?? Answer(http, await mediator.Send(new GetTotpCode.Command(id), ct)));
    }

    private static IResult Answer<T>(HttpContext http, T body)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(body);
    }

    private static async Task<IResult?> ForgeryRefusedAsync(HttpContext http, IAntiforgery antiforgery) =>
        await antiforgery.IsRequestValidAsync(http)
            ? null
            : TypedResults.Problem(title: "Refused", detail: "The request carried no valid antiforgery token: reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The password as copied: nothing else of the credential leaves.</summary>
    private sealed record CopiedSecret(string? Secret)
    {
        public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
    }
}
