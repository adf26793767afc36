using Microsoft.AspNetCore.Antiforgery;
using SecureShare.Modules.Credentials.Features.Attachments;

namespace SecureShare.Host.Ui;

/// <summary>
/// The credential page's files, on the UI's session cookie: uploads and replacements sent by its script (multipart, the
/// antiforgery token in a header, so that checking it never reads the body), and downloads posted with the token. They run
/// what the API runs: a download is a reveal, checked whole and audited on both sides.
/// </summary>
internal static class FileEndpoints
{
    private const string TokenHeader = "RequestVerificationToken";

    public static void MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        var ui = app.MapGroup("/ui/credentials/{id:guid}/attachments").RequireAuthorization().ExcludeFromDescription().DisableAntiforgery();

        ui.MapPost("", async (Guid id, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
            await RefusedAsync(http, antiforgery, headerOnly: true) ?? TypedResults.Ok(await AddAttachment.ReceiveAsync(http.Request, id, ct)));

        ui.MapPost("/{attachmentId:guid}", async (Guid id, Guid attachmentId, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
            await RefusedAsync(http, antiforgery, headerOnly: true) ?? TypedResults.Ok(await ReplaceAttachment.ReceiveAsync(http.Request, id, attachmentId, ct)));

        ui.MapPost("/{attachmentId:guid}/content", async (Guid id, Guid attachmentId, int? version, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (await RefusedAsync(http, antiforgery, headerOnly: false) is { } refused)
            {
                return refused;
            }

            await DownloadAttachment.SendAsync(http, id, attachmentId, version, ct);
            return Results.Empty;
        });
    }

    /// <summary>An upload's token must come as a header: looking for it in the body would make ASP.NET read the whole form first.</summary>
    internal static async Task<IResult?> RefusedAsync(HttpContext http, IAntiforgery antiforgery, bool headerOnly) =>
        (!headerOnly || http.Request.Headers.ContainsKey(TokenHeader)) && await antiforgery.IsRequestValidAsync(http)
            ? null
            : TypedResults.Problem(title: "Refused", detail: "The request carried no valid antiforgery token: reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
}
