using System.Security.Cryptography;
using System.Text;

namespace SecureShare.BuildingBlocks.Security;

/// <summary>A tenant's data key in clear, for the life of one request only.</summary>
public sealed record DataKey(Guid Id, Guid TenantId, byte[] Key);

/// <summary>A data key as stored: wrapped by a master key, bound to its tenant.</summary>
public sealed record WrappedDataKey(Guid Id, Guid TenantId, string MasterKeyId, byte[] Wrapped);

/// <summary>
/// Envelope encryption with AES-256-GCM. Data keys are wrapped by a master key with the tenant
/// and key id as associated data; secret fields are encrypted by their tenant's data key with the
/// tenant, the owning object and the field name as associated data. A ciphertext moved to another
/// tenant, object or field fails to decrypt. Layout of a field ciphertext:
/// version (1) | data key id (16) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public static class Envelope
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int IdSize = 16;
    private const int HeaderSize = 1 + IdSize + NonceSize + TagSize;

    public static DataKey NewDataKey(Guid tenantId) => new(Guid.CreateVersion7(), tenantId, RandomNumberGenerator.GetBytes(32));

    public static WrappedDataKey Wrap(DataKey key, MasterKey master) =>
        new(key.Id, key.TenantId, master.Id, Seal(master.Key, key.Key, DataKeyContext(key.TenantId, key.Id)));

    public static DataKey Unwrap(WrappedDataKey wrapped, MasterKeyRing masters) =>
        new(wrapped.Id, wrapped.TenantId, Open(masters.Find(wrapped.MasterKeyId).Key, wrapped.Wrapped, DataKeyContext(wrapped.TenantId, wrapped.Id)));

    /// <summary>Encrypts one field of one object of the key's tenant.</summary>
    public static byte[] Encrypt(DataKey key, Guid objectId, string field, string plaintext) =>
        EncryptBytes(key, objectId, field, Encoding.UTF8.GetBytes(plaintext));

    /// <summary>The same for bytes (a file's own key).</summary>
    public static byte[] EncryptBytes(DataKey key, Guid objectId, string field, byte[] plaintext)
    {
        var sealedBytes = Seal(key.Key, plaintext, FieldContext(key.TenantId, objectId, field));
        var output = new byte[1 + IdSize + sealedBytes.Length];
        output[0] = FormatVersion;
        key.Id.TryWriteBytes(output.AsSpan(1, IdSize));
        sealedBytes.CopyTo(output, 1 + IdSize);
        return output;
    }

    /// <summary>The id of the data key a field ciphertext was made with.</summary>
    public static Guid DataKeyIdOf(byte[] ciphertext) =>
        ciphertext.Length >= HeaderSize && ciphertext[0] == FormatVersion
            ? new Guid(ciphertext.AsSpan(1, IdSize))
            : throw new CryptographicException("Not a SecureShare ciphertext.");

    public static string Decrypt(DataKey key, Guid objectId, string field, byte[] ciphertext) =>
        Encoding.UTF8.GetString(DecryptBytes(key, objectId, field, ciphertext));

    public static byte[] DecryptBytes(DataKey key, Guid objectId, string field, byte[] ciphertext)
    {
        if (DataKeyIdOf(ciphertext) != key.Id)
        {
            throw new CryptographicException("The ciphertext was made with another data key.");
        }

        return Open(key.Key, ciphertext.AsSpan(1 + IdSize).ToArray(), FieldContext(key.TenantId, objectId, field));
    }

    /// <summary>
    /// Seals an installation's own secret (no tenant's: the hosts' shared cookie key ring, for one) under a key derived
    /// from <paramref name="master"/> for <paramref name="purpose"/> (HKDF-SHA256), so that the master key itself serves one use.
    /// </summary>
    public static byte[] SealForPurpose(MasterKey master, string purpose, byte[] plaintext) =>
        Seal(PurposeKey(master, purpose), plaintext, PurposeContext(purpose));

    public static byte[] OpenForPurpose(MasterKey master, string purpose, byte[] sealedBytes) =>
        Open(PurposeKey(master, purpose), sealedBytes, PurposeContext(purpose));

    private static byte[] PurposeKey(MasterKey master, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master.Key, 32, salt: [], info: PurposeContext(purpose));

    private static byte[] PurposeContext(string purpose) => Encoding.UTF8.GetBytes($"secureshare/purpose/v1/{purpose}");

    private static byte[] Seal(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), associatedData);
        return output;
    }

    private static byte[] Open(byte[] key, byte[] sealedBytes, byte[] associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The ciphertext is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceSize),
            sealedBytes.AsSpan(NonceSize + TagSize),
            sealedBytes.AsSpan(NonceSize, TagSize),
            plaintext,
            associatedData);
        return plaintext;
    }

    private static byte[] DataKeyContext(Guid tenantId, Guid keyId) => Encoding.UTF8.GetBytes($"secureshare/data-key/v1/{tenantId:N}/{keyId:N}");

    private static byte[] FieldContext(Guid tenantId, Guid objectId, string field) =>
        Encoding.UTF8.GetBytes($"secureshare/field/v1/{tenantId:N}/{objectId:N}/{field}");
}
