using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// The recipient fetches a file of a link it opened: with the grant that open gave (header <c>X-Link-Grant</c>, compared in
/// constant time, for <see cref="LinkLimits.FilesGrant"/>), while the link is not revoked, locked or past its expiry. The answer is the
/// file's sealed chunks as stored, each after its length (4 bytes, big-endian): the server cannot open them; the page
/// does, with the link's key. Anything else answers the same 410 as a link that is gone. Audited in the link's tenant.
/// </summary>
public static class DownloadLinkFile
{
    public const string GrantHeader = "X-Link-Grant";

    /// <summary>Not an ICommand: the token names the tenant, so the handler opens its transaction inside it.</summary>
    public sealed record Command(string Token, Guid FileId, string? Grant) : IRequest<LinkFileTicket?>
    {
        public override string ToString() => BuildingBlocks.Security.Redacted.Text;
    }

    private static readonly AuditActor Recipient = new(null, "link recipient");

    internal static void Map(IEndpointRouteBuilder links) =>
        links.MapGet("/{token}/files/{fileId}", async (string token, Guid fileId, HttpContext http, IMediator mediator, IFileStore store, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                if (await mediator.Send(new Command(token, fileId, http.Request.Headers[GrantHeader].ToString()), ct) is not { } ticket)
                {
                    return (IResult)RecipientLinks.Gone();
                }

                http.Response.ContentType = FileNames.OctetStream;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.ContentLength = ticket.File.Size + (ticket.File.ChunkCount * (4L + FileCipher.TagSize));
                var length = new byte[4];
                await foreach (var chunk in store.ReadAsync(ticket.File, ct))
                {
                    BinaryPrimitives.WriteInt32BigEndian(length, chunk.Length);
                    await http.Response.Body.WriteAsync(length, ct);
                    await http.Response.Body.WriteAsync(chunk, ct);
                }

                return Results.Empty;
            })
            .Produces<byte[]>(StatusCodes.Status200OK, FileNames.OctetStream)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary($"Fetch a file of an opened link share with the open's grant (header {GrantHeader}): its sealed chunks, each after its length.");

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, ITenantStore tenants, TimeProvider clock, IAuditTrail audit)
        : IRequestHandler<Command, LinkFileTicket?>
    {
        public async ValueTask<LinkFileTicket?> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (await RecipientLinks.FindAsync(db, command.Token, ct) is not { } link
                || link.RevokedAt is not null || link.FailedAttempts >= LinkLimits.MaxFailedPassphrases || link.ExpiresAt <= now
                || link.FilesGrantHash is null || !(link.FilesGrantExpiresAt > now) || !GrantMatches(command.Grant, link.FilesGrantHash)
                || await tenants.FindAsync(link.TenantId, ct) is not { } tenant)
            {
                return null;
            }

            using (TenantContext.Begin(tenant))
            {
                var tenantDb = contexts.Create();
                var linkFile = await tenantDb.LinkFiles.AsNoTracking().FirstOrDefaultAsync(f => f.LinkId == link.Id && f.StoredFileId == command.FileId, ct);
                var file = linkFile is null ? null
                    : await tenantDb.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == linkFile.StoredFileId && f.State == StoredFileState.Stored, ct);
                if (linkFile is null || file is null)
                {
                    return null;
                }

                await session.InTransactionAsync(
                    async () =>
                    {
                        await audit.RecordAsync(
                            LinkStates.Record(LinkAuditEvents.FileDownloaded, link, details: new() { ["file"] = linkFile.Name }, actor: Recipient), ct);
                        return true;
                    },
                    ct);
                return new LinkFileTicket(file);
            }
        }

        private static bool GrantMatches(string? grant, byte[] hash)
        {
            Span<byte> bytes = stackalloc byte[16];
            return grant is { Length: 22 } && Base64Url.TryDecodeFromChars(grant, bytes, out var written) && written == 16
                && CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), hash);
        }
    }
}

/// <summary>A link's file the recipient may fetch: held by the download only.</summary>
public sealed class LinkFileTicket
{
    internal LinkFileTicket(StoredFile file) => File = file;

    internal StoredFile File { get; }
}
