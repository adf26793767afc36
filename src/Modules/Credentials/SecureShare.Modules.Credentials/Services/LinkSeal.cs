using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// The cryptography of link shares. A link is <c>/s/{token}#{key}</c>: the token (192 random bits)
/// finds the row, whose only copy of it is a SHA-256 hash; the key (256 random bits) opens the content,
/// AES-256-GCM with the token as associated data, so a ciphertext moved to another link fails to open.
/// The server holds the key only while it answers the create request.
/// </summary>
internal static class LinkSeal
{
    private const int TokenBytes = 24;
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>The length of a token in its base64url form.</summary>
    public const int TokenLength = TokenBytes / 3 * 4;

    public sealed record Sealed(string Token, byte[] TokenHash, string Key, byte[] Nonce, byte[] Ciphertext)
    {
        public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
    }

    public static Sealed Seal(string content)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            var plaintext = Encoding.UTF8.GetBytes(content);
            var sealedBytes = new byte[plaintext.Length + TagBytes];
            using (var aes = new AesGcm(key, TagBytes))
            {
                aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), Encoding.ASCII.GetBytes(token));
            }

            CryptographicOperations.ZeroMemory(plaintext);
            return new Sealed(token, HashToken(token), Base64Url.EncodeToString(key), nonce, sealedBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The hash a token is looked up by; null for anything that is not a well-formed token (it answers like a used-up link).</summary>
    public static byte[]? HashOrNull(string? token) =>
        token is { Length: TokenLength } && Base64Url.IsValid(token) ? HashToken(token) : null;

    private static byte[] HashToken(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
