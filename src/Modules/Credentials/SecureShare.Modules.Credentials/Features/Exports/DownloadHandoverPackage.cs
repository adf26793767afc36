using System.Globalization;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Exports;

/// <summary>
/// An MSP Admin downloads the handover package an offboarding made of a client's credentials (a password-protected
/// Bitwarden JSON file, opened by any product that reads one, SecureShare's import included), to give it to the client.
/// As every export of secrets: a person who signed in with a second factor in the last 15 minutes, and every download is
/// audited in the MSP's log in the transaction that reads the package. Kept 30 days after the offboarding.
/// </summary>
public static class DownloadHandoverPackage
{
    public sealed record Command(Guid ClientId) : ICommand<HandoverFile>, IAuditsRefusals;

    /// <summary>The file as made, and its name.</summary>
    public sealed record HandoverFile(string FileName, byte[] Content)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Reads the package (audited) and sends it as a download: the API's route and the UI's button alike.</summary>
    public static async Task<IResult> SendAsync(HttpContext http, Guid clientId, CancellationToken ct)
    {
        var file = await http.RequestServices.GetRequiredService<IMediator>().Send(new Command(clientId), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file.Content, "application/json", file.FileName);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/clients/{id}/handover", (Guid id, HttpContext http, CancellationToken ct) => SendAsync(http, id, ct))
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("MSP Admin, after a sign-in with a second factor in the last 15 minutes: the handover package an offboarding made of the client's credentials (password-protected Bitwarden JSON; kept 30 days). Audited.");

    internal sealed class Handler(CredentialsDbContext db, TenantKeys keys, ISender sender, IAuditTrail audit, ICurrentUser caller, TimeProvider clock)
        : ICommandHandler<Command, HandoverFile>
    {
        public async ValueTask<HandoverFile> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            await sender.Send(new RequireSecondFactor("Downloading a handover package"), ct);
            var now = clock.GetUtcNow();
            var package = await db.HandoverPackages.AsNoTracking().Where(h => h.ClientId == command.ClientId && h.Cipher != null && h.ExpiresAt > now)
                .OrderByDescending(h => h.CreatedAt).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("Handover package");
            var content = Envelope.DecryptBytes(await keys.ForAsync(db, ct), package.Id, HandoverPackageLimits.Field, package.Cipher!);
            await audit.RecordAsync(
                new AuditRecord(
                    CredentialAuditEvents.HandoverDownloaded,
                    AuditOutcome.Succeeded,
                    [new AuditTarget(AuditTargetKinds.Tenant, package.ClientId, package.ClientName)],
                    new Dictionary<string, string> { ["credentials"] = package.Credentials.ToString(CultureInfo.InvariantCulture) }),
                ct);
            return new HandoverFile($"secureshare-handover-{ExportWriter.Slug(package.ClientName)}-{package.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}.json", content);
        }
    }
}
