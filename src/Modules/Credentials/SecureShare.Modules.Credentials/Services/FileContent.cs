using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// Reads a stored file back: its chunks in order, each opened as chunk i of this file and, for the last, as the last one;
/// then exactly as many chunks and bytes as its row says. Anything else (a chunk altered, swapped, dropped, added or cut
/// short) throws <see cref="CryptographicException"/>. A download checks the whole file first, then sends it.
/// </summary>
internal sealed class FileContent(IFileStore store)
{
    /// <summary>Reads every chunk without sending anything: whether the whole file is intact.</summary>
    public async Task<bool> IsIntactAsync(StoredFile file, FileCipher cipher, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in ReadAsync(file, cipher, ct))
            {
            }

            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends the file as a download: an octet stream, always an attachment, nosniff, a sandboxing policy, no caching. Should
    /// it fail to open now (changed since it was checked), the answer is cut off rather than finished.
    /// </summary>
    public async Task SendAsync(StoredFile file, FileCipher cipher, string name, HttpContext http, CancellationToken ct)
    {
        var response = http.Response;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.ContentType = FileNames.OctetStream;
        response.ContentLength = file.Size;
        try
        {
            await foreach (var plain in ReadAsync(file, cipher, ct))
            {
                await response.Body.WriteAsync(plain, ct);
            }
        }
        catch (CryptographicException)
        {
            http.Abort();
        }
    }

    /// <summary>The plaintext chunk by chunk; each buffer is valid until the next one is asked for.</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(StoredFile file, FileCipher cipher, [EnumeratorCancellation] CancellationToken ct)
    {
        var plain = ArrayPool<byte>.Shared.Rent(file.ChunkSize);
        try
        {
            var index = 0;
            long total = 0;
            await foreach (var sealedChunk in store.ReadAsync(file, ct))
            {
                if (index >= file.ChunkCount)
                {
                    throw new CryptographicException("The stored file has more chunks than it was stored with.");
                }

                var length = cipher.Open(index, last: index == file.ChunkCount - 1, sealedChunk.Span, plain);
                total += length;
                index++;
                yield return plain.AsMemory(0, length);
            }

            if (index != file.ChunkCount || total != file.Size)
            {
                throw new CryptographicException("The stored file is cut short.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        }
    }
}
