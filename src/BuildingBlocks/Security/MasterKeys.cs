using System.Security.Cryptography;

namespace SecureShare.BuildingBlocks.Security;

/// <summary>A master key: wraps tenant data keys, never stored in the database. Its id is a fingerprint, not a secret.</summary>
public sealed class MasterKey
{
    public const int Size = 32;

    public MasterKey(byte[] key)
    {
        if (key.Length != Size)
        {
            throw new ArgumentException($"A master key is {Size} bytes (base64 of 32 random bytes).", nameof(key));
        }

        Key = key;
        Id = Convert.ToHexString(SHA256.HashData(key).AsSpan(0, 8)).ToLowerInvariant();
    }

    public string Id { get; }

    internal byte[] Key { get; }

    public static MasterKey FromBase64(string base64) => new(Convert.FromBase64String(base64.Trim()));

    public static MasterKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    public string ToBase64() => Convert.ToBase64String(Key);
}

/// <summary>
/// The master keys this process knows: the current one (wraps new data keys) and previous ones
/// (still unwrap data keys until a rotation has re-wrapped them all).
/// </summary>
public sealed class MasterKeyRing(MasterKey current, IReadOnlyList<MasterKey> previous)
{
    public MasterKey Current { get; } = current;

    public IReadOnlyList<MasterKey> Previous { get; } = previous;

    public MasterKey Find(string id) =>
        Current.Id == id ? Current
        : Previous.FirstOrDefault(k => k.Id == id)
          ?? throw new CryptographicException($"Master key {id} is not configured: data keys wrapped by it cannot be opened.");
}
