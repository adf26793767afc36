using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// Download a file (or an earlier version of it): a reveal, open to whoever may see the credential and audited on both
/// sides. The whole file is checked first; one that fails its check is not sent at all: 500 with a problem, audited as
/// such. Always an attachment, as an octet stream with nosniff and a sandboxing policy, never rendered by the browser.
/// </summary>
public static class DownloadAttachment
{
    public sealed record Query(Guid CredentialId, Guid AttachmentId, int? Version) : IQuery<DownloadTicket>;

    /// <summary>The download's audit event, written before any byte is sent: downloaded, or refused as not intact.</summary>
    public sealed record Record(Guid CredentialId, Guid AttachmentId, int Version, bool Intact) : ICommand<bool>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/attachments/{attachmentId}/content", async (Guid id, Guid attachmentId, int? version, HttpContext http, CancellationToken ct) =>
            {
                await SendAsync(http, id, attachmentId, version, ct);
                return Results.Empty;
            })
            .Produces<byte[]>(StatusCodes.Status200OK, FileNames.OctetStream)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithSummary("Download a file (audited as a reveal); ?version= for an earlier one.");

    /// <summary>
    /// Checks the whole file, records the download (or the failed check: then 500, nothing sent), and sends it: what the API
    /// route and the UI's download both run.
    /// </summary>
    public static async Task SendAsync(HttpContext http, Guid credentialId, Guid attachmentId, int? version, CancellationToken ct)
    {
        var mediator = http.RequestServices.GetRequiredService<IMediator>();
        var content = http.RequestServices.GetRequiredService<FileContent>();
        var ticket = await mediator.Send(new Query(credentialId, attachmentId, version), ct);
        using (ticket.Cipher)
        {
            var intact = await content.IsIntactAsync(ticket.File, ticket.Cipher, ct);
            await mediator.Send(new Record(credentialId, attachmentId, ticket.Version, intact), ct);
            if (!intact)
            {
                throw new IntegrityException("The stored file failed its integrity check and was not sent; this was recorded in the audit log. Restore it from a backup.");
            }

            await content.SendAsync(ticket.File, ticket.Cipher, ticket.Name, http, ct);
        }
    }

    internal sealed class QueryHandler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller) : IQueryHandler<Query, DownloadTicket>
    {
        public async ValueTask<DownloadTicket> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Use);
            var visible = await credentials.LoadAsync(query.CredentialId, ct);
            var owner = visible.Owner;
            var attachment = await owner.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.AttachmentId && a.CredentialId == query.CredentialId, ct)
                ?? throw new NotFoundException("Attachment");
            var (fileId, name, version) = (attachment.StoredFileId, attachment.Name, attachment.Version);
            if (query.Version is { } wanted && wanted != attachment.Version)
            {
                var since = await credentials.HistorySinceAsync(visible.Entry, ct);
                var earlier = await owner.AttachmentVersions.AsNoTracking()
                    .Where(v => v.AttachmentId == attachment.Id && v.Version == wanted && (since == null || v.ReplacedAt >= since))
                    .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Attachment version");
                (fileId, name, version) = (earlier.StoredFileId, earlier.Name, earlier.Version);
            }

            var file = await owner.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.State == StoredFileState.Stored, ct)
                ?? throw new NotFoundException("Attachment");
            return new DownloadTicket(file, FileCipher.Open(await keys.ForAsync(owner, ct), file), name, version);
        }
    }

    internal sealed class RecordHandler(VisibleCredentials credentials, ICurrentUser caller, IAuditTrail audit) : ICommandHandler<Record, bool>
    {
        public async ValueTask<bool> Handle(Record command, CancellationToken ct)
        {
            caller.Require(Ability.Use);
            var visible = await credentials.LoadAsync(command.CredentialId, ct);
            var attachment = await visible.Owner.Attachments.AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == command.AttachmentId && a.CredentialId == command.CredentialId, ct) ?? throw new NotFoundException("Attachment");
            var record = command.Intact
                ? Attachments.Event(CredentialAuditEvents.AttachmentDownloaded, visible.Credential, attachment, command.Version)
                : Attachments.Event(CredentialAuditEvents.AttachmentIntegrityFailed, visible.Credential, attachment, command.Version, AuditOutcome.Failed);
            await audit.RecordOnBothSidesAsync(visible.Owner, record, ct);
            return true;
        }
    }
}

/// <summary>What a download needs: the stored file, its opened key, the name it goes by; held by the download only.</summary>
public sealed class DownloadTicket
{
    internal DownloadTicket(StoredFile file, FileCipher cipher, string name, int version)
    {
        File = file;
        Cipher = cipher;
        Name = name;
        Version = version;
    }

    internal StoredFile File { get; }

    internal FileCipher Cipher { get; }

    internal string Name { get; }

    internal int Version { get; }
}
