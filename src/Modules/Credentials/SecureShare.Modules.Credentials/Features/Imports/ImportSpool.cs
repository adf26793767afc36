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
/// those, not of the file. A Host that dies leaves ciphertext whose key died with it.
/// </summary>
internal sealed class ImportSpool : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly FileStream _file = new(
        Path.Combine(Path.GetTempPath(), $"secureshare-import-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}.spool"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    private readonly AesGcm _aes = new(RandomNumberGenerator.GetBytes(32), TagSize);
    private long _records;

    /// <summary>Seals the values at the end of the spool; answers where they are.</summary>
    public SpoolRecord Write(SpilledSecrets secrets)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(secrets);
        var record = new byte[NonceSize + TagSize + plain.Length];
        var nonce = record.AsSpan(0, NonceSize);
        BinaryPrimitives.WriteInt64LittleEndian(nonce, _records++);
        _aes.Encrypt(nonce, plain, record.AsSpan(NonceSize + TagSize), record.AsSpan(NonceSize, TagSize));
        CryptographicOperations.ZeroMemory(plain);
        var offset = _file.Seek(0, SeekOrigin.End);
        _file.Write(record);
        return new SpoolRecord(offset, record.Length);
    }

    public SpilledSecrets Read(SpoolRecord at)
    {
        var record = new byte[at.Length];
        _file.Seek(at.Offset, SeekOrigin.Begin);
        _file.ReadExactly(record);
        var plain = new byte[at.Length - NonceSize - TagSize];
        try
        {
            _aes.Decrypt(record.AsSpan(0, NonceSize), record.AsSpan(NonceSize + TagSize), record.AsSpan(NonceSize, TagSize), plain);
            return JsonSerializer.Deserialize<SpilledSecrets>(plain)!;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public void Dispose()
    {
        _aes.Dispose();
        _file.Dispose();
    }

    public override string ToString() => Redacted.Text;
}

/// <summary>Where an entry's secret values are in the spool.</summary>
internal readonly record struct SpoolRecord(long Offset, int Length);
