using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>The form fields of an import besides its file.</summary>
internal sealed class ImportFields
{
    public ImportFormat? Format { get; set; }

    public Guid? FolderId { get; set; }

    public bool DryRun { get; set; }

    public DuplicateHandling Duplicates { get; set; } = DuplicateHandling.Skip;

    public string? Password { get; set; }

    public Dictionary<string, string>? Mapping { get; set; }

    public Dictionary<string, ClientRoute>? ClientMapping { get; set; }

    public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
}

/// <summary>What an import does with an entry that has the name, username and URL of a credential the tenant has.</summary>
public enum DuplicateHandling
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("skip")]
    Skip,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("import")]
    Import,
}

/// <summary>
/// Reads an import's multipart/form-data body as it arrives: the option fields (format, folderId, dryRun, duplicates,
/// password, mapping — before the file, so the file is read knowing them), then the file (field <c>file</c>), read by
/// its format's reader straight from the request stream: the file is never held whole, nor written anywhere in clear.
/// Its format is the one named, else the one its first 64 KiB show.
/// </summary>
internal static class ImportUpload
{
    private const long FramingAllowance = 64 * 1024;
    private const int FieldLimit = 64 * 1024;

    /// <summary>
    /// Reads the body; <paramref name="admit"/> runs when the file begins, with the fields before it, and refuses (the
    /// caller's role, the folder) before a byte of the file is read.
    /// </summary>
    public static async Task<(ImportFields Fields, ImportFormat Format, ImportedFile File)> ReceiveAsync(
        HttpRequest request, FileSettings settings, Func<ImportFields, Task> admit, CancellationToken ct)
    {
        var boundary = Admit(request, settings);
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var fields = new ImportFields();
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (disposition.IsFileDisposition() && name == "file")
                {
                    await admit(fields);
                    var (format, file) = await ReadFileAsync(section.Body, fields, settings, ct);
                    return (fields, format, file);
                }

                if (!disposition.IsFileDisposition() && name is not null)
                {
                    Set(fields, name, await ReadFieldAsync(section.Body, name, ct));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException && !ct.IsCancellationRequested))
        {
            throw ValidationFailedException.For("file", "The multipart body is malformed or was cut short.");
        }

        throw ValidationFailedException.For("file", "The body holds no file in a field named file.");
    }

    private static string Admit(HttpRequest request, FileSettings settings)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw ValidationFailedException.For("file", "Send the export as multipart/form-data: the options first, then the file in a field named file.");
        }

        var limit = settings.MaxImportBytes + FramingAllowance;
        if (request.ContentLength > limit)
        {
            throw new PayloadTooLargeException($"An import file is at most {settings.MaxImportMb} MB.");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
        {
            max.MaxRequestBodySize = limit;
        }

        return boundary;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken ct)
    {
        var buffer = new byte[FieldLimit + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (length > FieldLimit)
        {
            throw ValidationFailedException.For(name, $"A field other than the file is at most {FieldLimit / 1024} KB.");
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static void Set(ImportFields fields, string name, string value)
    {
        switch (name)
        {
            case "format":
                fields.Format = WireName.Parse<ImportFormat>(value.Trim())
                    ?? throw ValidationFailedException.For("format", $"format is one of {string.Join(", ", Enum.GetValues<ImportFormat>().Select(f => WireName.Of(f)))}.");
                break;
            case "folderId":
                fields.FolderId = string.IsNullOrWhiteSpace(value) ? null
                    : Guid.TryParse(value, out var folder) ? folder : throw ValidationFailedException.For("folderId", "folderId is a folder's id.");
                break;
            case "dryRun":
                fields.DryRun = bool.TryParse(value.Trim(), out var dryRun) ? dryRun : throw ValidationFailedException.For("dryRun", "dryRun is true or false.");
                break;
            case "duplicates":
                fields.Duplicates = WireName.Parse<DuplicateHandling>(value.Trim()) ?? throw ValidationFailedException.For("duplicates", "duplicates is skip or import.");
                break;
            case "password":
                fields.Password = value;
                break;
            case "mapping":
                fields.Mapping = Mapping(value);
                break;
            case "clientMapping":
                fields.ClientMapping = ImportRouting.ParseMapping(value);
                break;
            default:
                throw ValidationFailedException.For(name, $"An import takes the fields format, folderId, dryRun, duplicates, password, mapping, clientMapping and file; not {name}.");
        }
    }

    private static Dictionary<string, string> Mapping(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(value) is { } mapping && mapping.Values.All(v => !string.IsNullOrWhiteSpace(v))
                ? new Dictionary<string, string>(mapping, StringComparer.OrdinalIgnoreCase)
                : throw ValidationFailedException.For("mapping", "mapping is a JSON object of field → column name.");
        }
        catch (JsonException)
        {
            throw ValidationFailedException.For("mapping", "mapping is a JSON object of field → column name, e.g. {\"name\":\"Account\",\"secret\":\"Password\"}.");
        }
    }

    private static async Task<(ImportFormat, ImportedFile)> ReadFileAsync(Stream body, ImportFields fields, FileSettings settings, CancellationToken ct)
    {
        var head = new byte[ImportHead.Size];
        var length = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (length == 0)
        {
            throw ValidationFailedException.For("file", "The file is empty.");
        }

        var reader = fields.Format is { } named ? ImportReaders.For(named) : ImportReaders.Detect(new ImportHead(head.AsMemory(0, length)));
        if (reader is null)
        {
            throw ValidationFailedException.For(
                "file", fields.Format is { } f ? $"Importing {WireName.Of(f)} files is not available yet." : "The file's format is none SecureShare reads; name it in the field format (generic-csv with a mapping reads any CSV).");
        }

        var file = new ImportedFile(settings.MaxFileBytes, FileSettings.Bytes(settings.TenantQuotaMb));
        try
        {
            return (reader.Format, await reader.ReadAsync(new PrefixedStream(head.AsMemory(0, length), body), new ImportReadOptions(fields.Password, fields.Mapping, file), ct));
        }
        catch (UnreadableImportException e)
        {
            file.Dispose();
            throw ValidationFailedException.For("file", e.Message);
        }
        catch
        {
            file.Dispose(); // its spool, whatever ended the reading
            throw;
        }
    }
}

/// <summary>A stream that gives the bytes already read from its source first, then the rest of the source.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty)
        {
            return rest.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty)
        {
            return rest.ReadAsync(buffer, cancellationToken);
        }

        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer.Span);
        _prefix = _prefix[n..];
        return ValueTask.FromResult(n);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
