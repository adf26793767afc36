using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// A stored file is a stream of chunks, each sealed with AES-256-GCM under the file's own random key. A chunk's nonce is
/// its index (unique under a key used for one file only); its associated data binds the file's id, the index and whether
/// it is the last chunk, so a chunk moved to another place or file, a chunk dropped, or a file cut after any chunk fails
/// to open. The file key is sealed under the tenant's data key, bound to the stored file's id.
/// Layout of a sealed chunk: ciphertext | tag (16). An empty file is one empty last chunk.
/// </summary>
internal sealed class FileCipher : IDisposable
{
    public const int ChunkSize = 512 * 1024;
    public const int TagSize = 16;
    private const string KeyField = "file-key";

    private readonly AesGcm _aes;
    private readonly Guid _fileId;

    private FileCipher(Guid fileId, byte[] key)
    {
        _fileId = fileId;
        _aes = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>A new file's cipher and its key sealed for its row.</summary>
    public static (FileCipher Cipher, byte[] SealedKey) New(DataKey dataKey, Guid fileId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var sealedKey = Envelope.EncryptBytes(dataKey, fileId, KeyField, key);
        return (new FileCipher(fileId, key), sealedKey);
    }

    public static FileCipher Open(DataKey dataKey, StoredFile file) =>
        new(file.Id, Envelope.DecryptBytes(dataKey, file.Id, KeyField, file.SealedKey ?? throw new CryptographicException("A link's file has no key here.")));

    /// <summary>A stored file's key sealed again, from one tenant's data key to another's (its ownership moves; its chunks stay as they are).</summary>
    public static byte[] Reseal(DataKey from, DataKey to, Guid fileId, byte[] sealedKey)
    {
        var key = Envelope.DecryptBytes(from, fileId, KeyField, sealedKey);
        try
        {
            return Envelope.EncryptBytes(to, fileId, KeyField, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The cipher of a link's file: its key is HKDF-SHA256 of the link's key (no salt; info "secureshare/link-file/v1/" and the
    /// file's id in 32 hex digits), so the recipient's page derives it with WebCrypto and nothing else can.
    /// </summary>
    public static FileCipher ForLink(byte[] linkKey, Guid fileId) =>
        new(fileId, HKDF.DeriveKey(HashAlgorithmName.SHA256, linkKey, 32, salt: [], info: Encoding.ASCII.GetBytes($"secureshare/link-file/v1/{fileId:N}")));

    /// <summary>Seals <paramref name="plain"/> into <paramref name="output"/> (plain's length + <see cref="TagSize"/>).</summary>
    public void Seal(long index, bool last, ReadOnlySpan<byte> plain, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> context = stackalloc byte[ContextSize];
        _aes.Encrypt(Nonce(index, nonce), plain, output[..plain.Length], output.Slice(plain.Length, TagSize), Context(index, last, context));
    }

    /// <summary>Opens a sealed chunk into <paramref name="plain"/>; a chunk that is not this file's chunk <paramref name="index"/> throws.</summary>
    public int Open(long index, bool last, ReadOnlySpan<byte> sealedChunk, Span<byte> plain)
    {
        if (sealedChunk.Length < TagSize || sealedChunk.Length - TagSize > ChunkSize)
        {
            throw new CryptographicException("A stored chunk has the wrong size.");
        }

        var length = sealedChunk.Length - TagSize;
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> context = stackalloc byte[ContextSize];
        _aes.Decrypt(Nonce(index, nonce), sealedChunk[..length], sealedChunk[length..], plain[..length], Context(index, last, context));
        return length;
    }

    public void Dispose() => _aes.Dispose();

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("secureshare/file-chunk/v1");
    private static readonly int ContextSize = Label.Length + 16 + 8 + 1;

    private static Span<byte> Nonce(long index, Span<byte> nonce)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce, index);
        return nonce;
    }

    private ReadOnlySpan<byte> Context(long index, bool last, Span<byte> context)
    {
        Label.CopyTo(context);
        _fileId.TryWriteBytes(context.Slice(Label.Length, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(context.Slice(Label.Length + 16, 8), index);
        context[^1] = last ? (byte)1 : (byte)0;
        return context;
    }
}
