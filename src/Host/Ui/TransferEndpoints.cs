using Microsoft.AspNetCore.Antiforgery;
using SecureShare.Modules.Credentials.Features.Exports;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Host.Ui;

/// <summary>
/// The import wizard's, the export dialog's and the handover package's requests, on the UI's session cookie with the
/// antiforgery token as a header: they run what the API's POST /imports, POST /exports and GET /clients/{id}/handover run,
/// so the rules (an Admin, a fresh second factor for an export or a package, every exported secret audited) are the same ones.
/// </summary>
internal static class TransferEndpoints
{
    public static void MapTransferEndpoints(this IEndpointRouteBuilder app)
    {
        var ui = app.MapGroup("/ui").RequireAuthorization().ExcludeFromDescription().DisableAntiforgery();

        ui.MapPost("/imports", async (HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
            await FileEndpoints.RefusedAsync(http, antiforgery, headerOnly: true) ?? (IResult)await ImportFile.ReceiveAsync(http.Request, ct));

        ui.MapPost("/exports", async (ExportCredentials.Body body, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (await FileEndpoints.RefusedAsync(http, antiforgery, headerOnly: true) is { } refused)
            {
                return refused;
            }

            await ExportCredentials.SendAsync(http, new ExportCredentials.Command(body.Format, body.FolderId, body.Password), ct);
            return Results.Empty;
        });

        ui.MapPost("/clients/{id:guid}/handover", async (Guid id, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
            await FileEndpoints.RefusedAsync(http, antiforgery, headerOnly: false) ?? await DownloadHandoverPackage.SendAsync(http, id, ct));
    }
}
