using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>The secret values of an imported entry, kept out of memory in the spool between reading and writing.</summary>
internal sealed record SpilledSecrets(string? Secret, string? Notes, string? Totp, List<ImportedField> Fields, List<ImportedPastSecret> History)
{
    public override string ToString() => Redacted.Text;
}

/// <summary>
/// Where an import keeps its entries' secret values while the file is read: a temporary file of records, each sealed with
/// AES-256-GCM under a key that exists only in this object (its counter the nonce), deleted when closed. What stays in
/// memory is each entry's name, username, URL, folder and tags; so a file of any size costs the Host about the size of
/// those, not of the file. A Host that dies leaves ciphertext whose key died with it. An import kept for a job
/// (<see cref="ImportParcels"/>) carries the sealed bytes (<see cref="SlicesAsync"/>) and the key, itself sealed under the
/// tenant's data key, to the host that runs it (<see cref="Adopt"/>).
/// </summary>
internal sealed class ImportSpool : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly FileStream _file = Open();
    private readonly byte[] _key;
    private readonly AesGcm _aes;
    private long _records;

    public ImportSpool()
        : this(RandomNumberGenerator.GetBytes(32), 0)
    {
    }

    private ImportSpool(byte[] key, long records)
    {
        (_key, _records) = (key, records);
        _aes = new AesGcm(key, TagSize);
    }

    /// <summary>The key and the record count: what, with the sealed bytes, opens the spool on another host.</summary>
    public (byte[] Key, long Records) Secret => ([.. _key], _records);

    /// <summary>The spool's sealed bytes.</summary>
    public long Length => _file.Length;

    /// <summary>A spool of another host's sealed bytes (<paramref name="slices"/>, in order) under its key.</summary>
    public static async Task<ImportSpool> Adopt(byte[] key, long records, IAsyncEnumerable<byte[]> slices, CancellationToken ct)
    {
        var spool = new ImportSpool(key, records);
        try
        {
            await foreach (var slice in slices.WithCancellation(ct))
            {
                await spool._file.WriteAsync(slice, ct);
            }

            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>The spool's sealed bytes from its start, <paramref name="size"/> at a time.</summary>
    public async IAsyncEnumerable<byte[]> SlicesAsync(int size, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var length = _file.Seek(0, SeekOrigin.End);
        for (long at = 0; at < length; at += size)
        {
            var slice = new byte[(int)Math.Min(size, length - at)];
            _file.Seek(at, SeekOrigin.Begin);
            await _file.ReadExactlyAsync(slice, ct);
            yield return slice;
        }
    }

    /// <summary>Seals the values at the end of the spool; answers where they are.</summary>
    public SpoolRecord Write(SpilledSecrets secrets)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(secrets);
        try
        {
            return Write(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Seals bytes at the end of the spool (the record's number is its nonce, kept here, not in the file).</summary>
    public SpoolRecord Write(ReadOnlySpan<byte> plain)
    {
        var at = new SpoolRecord(_file.Seek(0, SeekOrigin.End), TagSize + plain.Length, _records++);
        var record = new byte[at.Length];
        _aes.Encrypt(Nonce(at.Index), plain, record.AsSpan(TagSize), record.AsSpan(0, TagSize));
        _file.Write(record);
        return at;
    }

    /// <summary>The values of a record: one moved or altered in the file fails to open.</summary>
    public SpilledSecrets Read(SpoolRecord at)
    {
        var plain = new byte[at.Length - TagSize];
        try
        {
            Read(at, plain);
            return JsonSerializer.Deserialize<SpilledSecrets>(plain)!;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The bytes of a record written with <see cref="Write(ReadOnlySpan{byte})"/>.</summary>
    public byte[] ReadBytes(SpoolRecord at)
    {
        var plain = new byte[at.Length - TagSize];
        Read(at, plain);
        return plain;
    }

    /// <summary>Opens a record into <paramref name="plain"/> (at least its length); answers how many bytes it holds.</summary>
    public int Read(SpoolRecord at, Span<byte> plain)
    {
        var record = new byte[at.Length];
        _file.Seek(at.Offset, SeekOrigin.Begin);
        _file.ReadExactly(record);
        var length = at.Length - TagSize;
        _aes.Decrypt(Nonce(at.Index), record.AsSpan(TagSize), record.AsSpan(0, TagSize), plain[..length]);
        return length;
    }

    /// <summary>A new temporary file only this process's user may read, deleted when closed.</summary>
    private static FileStream Open()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 64 * 1024, Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(Path.GetTempPath(), $"secureshare-import-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}.spool"), options);
    }

    private static byte[] Nonce(long index)
    {
        var nonce = new byte[NonceSize];
        BinaryPrimitives.WriteInt64LittleEndian(nonce, index);
        return nonce;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _aes.Dispose();
        _file.Dispose();
    }

    public override string ToString() => Redacted.Text;
}

/// <summary>Where an entry's secret values are in the spool, and the record's number.</summary>
internal readonly record struct SpoolRecord(long Offset, int Length, long Index);
