using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>
/// The import's route: the file is read as it arrives, then imported in the request; or, when it has more entries to
/// import than the jobs' threshold (and it is not a dry run), kept for a job (<see cref="ImportParcels"/>) that any host
/// runs: the request answers 202 with the job, whose result is the report the request would have given.
/// </summary>
public static partial class ImportFile
{
    /// <summary>The job of an import kept for it: it names the kept import, nothing more.</summary>
    public sealed record Queued(Guid ParcelId) : IRequest<ImportReport>;

    /// <summary>Reads an import's body as it arrives and runs it, or starts its job: the API's route and the UI's wizard alike.</summary>
    public static async Task<Results<Ok<ImportReport>, Accepted<JobTicket>>> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var services = request.HttpContext.RequestServices;
        var mediator = services.GetRequiredService<IMediator>();
        var (fields, format, file) = await ImportUpload.ReceiveAsync(
            request,
            services.GetRequiredService<FileSettings>(),
            async fields => await mediator.Send(new EnsureFolderPaths(fields.FolderId, [], DryRun: true), ct), // an Admin, and the folder there: or nothing is read
            ct);
        using (file)
        {
            var jobs = services.GetRequiredService<IJobs>();
            if (!fields.DryRun && file.Entries.Count > jobs.Threshold)
            {
                var job = await jobs.StartAsync(
                    new Queued(Guid.Empty), Ability.Administer, file.Entries.Count, ct, async (queued, t) => queued with { ParcelId = await mediator.Send(new ImportParcels.Keep(fields, format, file), t) });
                return TypedResults.Accepted(job.Location, job);
            }

            return TypedResults.Ok(await RunAsync(mediator, services.GetRequiredService<FileUploads>(), fields, format, file, null, ct));
        }
    }

    /// <summary>Stages the file's attachments, then imports it in one transaction; what was staged and not attached goes.</summary>
    private static async Task<ImportReport> RunAsync(ISender sender, FileUploads uploads, ImportFields fields, ImportFormat format, ImportedFile file, Guid? parcel, CancellationToken ct)
    {
        var imported = false;
        try
        {
            await sender.Send(new ImportAttachments.Stage(fields, file), ct);
            var report = await sender.Send(new Command(fields, format, file) { Parcel = parcel }, ct);
            imported = true;
            return report;
        }
        finally
        {
            await ImportAttachments.AbandonUnattachedAsync(file, uploads, imported);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/imports", async (HttpRequest request, CancellationToken ct) => await ReceiveAsync(request, ct))
            .WithMetadata(new AcceptsMetadata(["multipart/form-data"], typeof(byte[])))
            .WithMetadata(new MultipartFields(
            [
                ("format", $"The file's format, when it is not to be detected: {string.Join(", ", Enum.GetValues<ImportFormat>().Select(f => WireName.Of(f)))}."),
                ("folderId", "The folder the file's tree goes below (none: the top)."),
                ("dryRun", "true: report what would happen and write nothing."),
                ("duplicates", "skip (the default) or import the entries with the name, username and URL of a credential the tenant has."),
                ("password", "The password of a password-protected export."),
                ("clientMapping", "MSP formats: a JSON object of client name → {placement: client (into the client's tenant) | shared (the MSP's folder for the client, shared with it) | msp (that folder, unshared), tenantId}; without it, rows go to the client tenant of the same name, else to the MSP's folder."),
                ("mapping", "generic-csv: a JSON object of field → column name (fields name, username, secret, url, notes, description, folder, tags, totp, kind, client; visibleColumns: comma-separated columns kept as visible fields)."),
            ]))
            .DisableAntiforgery()
            .WithSummary("Admin: import an export of another product (multipart/form-data; the options first, then the file). Every entry is created or skipped with its reason; above the jobs' threshold (not a dry run), 202 and a job whose result is the report.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Runs a kept import on whichever host took its job: the same staging and the same command as in a request.</summary>
    internal sealed class QueuedHandler(CredentialsDbContext db, TenantKeys keys, FileSettings settings, FileUploads uploads, ICurrentUser caller, ISender sender,
        DbSession session, ILogger<QueuedHandler> logger)
        : IRequestHandler<Queued, ImportReport>
    {
        public async ValueTask<ImportReport> Handle(Queued queued, CancellationToken ct)
        {
            try
            {
                caller.Require(Ability.Administer);
                var (fields, format, file) = await ImportParcels.OpenAsync(db, keys, queued.ParcelId, settings, ct) ?? throw Gone();
                using (file)
                {
                    return await RunAsync(sender, uploads, fields, format, file, queued.ParcelId, ct);
                }
            }
            catch (AppException)
            {
                try
                {
                    // refused: the job is not run again, and the file is not kept
                    await ImportParcels.RemoveAsync(session, db, queued.ParcelId, CancellationToken.None);
                }
                catch (Exception cleanup)
                {
                    logger.LogWarning(cleanup, "A refused import's kept file could not be removed now; it goes when it expires.");
                }

                throw; // the refusal, not what its clean-up met
            }
        }
    }

    private static GoneException Gone() =>
        new("This import is no longer kept: it has run already, or it waited more than a day. Nothing more of it is applied; it may have been applied already, so look for its credentials before uploading the file again.");
}
