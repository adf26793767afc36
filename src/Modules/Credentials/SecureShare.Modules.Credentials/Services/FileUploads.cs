using System.Buffers;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Attachments;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>A file as it arrived: its sanitised name, declared type, and how much of it was stored.</summary>
internal sealed record ReceivedFile(string Name, string ContentType, long Size, int ChunkCount);

/// <summary>
/// Receives a file from a multipart/form-data body (field <c>file</c>) straight into storage: read a chunk, seal it, store
/// it, never the whole file in memory nor a plaintext temp file on disk (the form reader of ASP.NET would spool one).
/// Past the file limit or the owner's room it stops at once with 413 and purges what it stored.
/// </summary>
internal sealed class FileUploads(
    IFileStore store, FileQuota quota, StoredFiles files, DbSession session, ModuleDbContextFactory<CredentialsDbContext> contexts)
{
    /// <summary>Room for the multipart framing around the file.</summary>
    private const long FramingAllowance = 64 * 1024;

    /// <summary>Start, receive, finish: the finishing command (an add or a replace) is the one audited action.</summary>
    public async Task<AttachmentDto> UploadAsync(
        HttpRequest request, IMediator mediator, Guid credentialId, Guid? attachmentId, Func<Guid, ReceivedFile, ICommand<AttachmentDto>> finish, CancellationToken ct)
    {
        var boundary = Admit(request);
        var ticket = await mediator.Send(new StartUpload.Command(credentialId, attachmentId), ct);
        using (ticket.Cipher)
        {
            try
            {
                var received = await ReceiveAsync(request, boundary, ticket, ct);
                return await mediator.Send(finish(ticket.File.Id, received), ct);
            }
            catch
            {
                await AbandonAsync(ticket.Owner, ticket.File.Id);
                throw;
            }
        }
    }

    /// <summary>Before anything is read or written: a multipart body no larger than the largest file may be.</summary>
    private string Admit(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw ValidationFailedException.For("file", "Send the file as multipart/form-data, in a field named file.");
        }

        if (request.ContentLength > quota.MaxFileBytes + FramingAllowance)
        {
            throw quota.FileTooLarge();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = quota.MaxFileBytes + FramingAllowance;
        }

        return boundary;
    }

    private async Task<ReceivedFile> ReceiveAsync(HttpRequest request, string boundary, UploadTicket ticket, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition()
                    && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
                {
                    var name = FileNames.Sanitize(disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                    var (size, chunks) = await StoreAsync(section.Body, ticket, ct);
                    return new ReceivedFile(name, FileNames.ContentType(section.ContentType), size, chunks);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not Microsoft.AspNetCore.Http.BadHttpRequestException && !ct.IsCancellationRequested))
        {
            throw ValidationFailedException.For("file", "The multipart body is malformed or was cut short.");
        }

        throw ValidationFailedException.For("file", "The body holds no file in a field named file.");
    }

    /// <summary>Seals and stores the body chunk by chunk; a chunk is known to be the last when the next read finds nothing.</summary>
    internal async Task<(long Size, int Chunks)> StoreAsync(Stream body, UploadTicket ticket, CancellationToken ct)
    {
        var chunkSize = ticket.File.ChunkSize;
        var current = ArrayPool<byte>.Shared.Rent(chunkSize);
        var next = ArrayPool<byte>.Shared.Rent(chunkSize);
        var sealedFull = new byte[chunkSize + FileCipher.TagSize];
        try
        {
            await using var writer = store.Create(ticket.Owner, ticket.File);
            var length = await body.ReadAtLeastAsync(current.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, ct);
            long total = length;
            var index = 0;
            while (true)
            {
                var nextLength = length == chunkSize ? await body.ReadAtLeastAsync(next.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, ct) : 0;
                total += nextLength;
                if (total > ticket.MaxBytes)
                {
                    throw ticket.QuotaLimit is { } limit && total <= quota.MaxFileBytes ? FileQuota.QuotaExceeded(limit) : quota.FileTooLarge();
                }

                var output = length == chunkSize ? sealedFull : new byte[length + FileCipher.TagSize];
                ticket.Cipher.Seal(index, last: nextLength == 0, current.AsSpan(0, length), output);
                await writer.WriteAsync(output, ct);
                index++;
                if (nextLength == 0)
                {
                    await writer.CompleteAsync(ct);
                    return (total, index);
                }

                (current, next, length) = (next, current, nextLength);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current, clearArray: true);
            ArrayPool<byte>.Shared.Return(next, clearArray: true);
        }
    }

    /// <summary>
    /// An upload that failed leaves nothing: its row is marked deleted (only while it is still Uploading: a finish whose
    /// commit was lost may have stored it after all), then its bytes and row go; should that fail, the purge job takes them.
    /// </summary>
    internal async Task AbandonAsync(TenantInfo owner, Guid fileId)
    {
        int abandoned;
        using (TenantContext.Begin(owner))
        {
            var db = contexts.Create();
            abandoned = await session.InTransactionAsync(
                () => db.StoredFiles.Where(f => f.Id == fileId && f.State == StoredFileState.Uploading)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.State, StoredFileState.Deleted), CancellationToken.None),
                CancellationToken.None);
        }

        if (abandoned == 1)
        {
            await files.PurgeAsync(owner, [fileId], CancellationToken.None);
        }
    }
}
