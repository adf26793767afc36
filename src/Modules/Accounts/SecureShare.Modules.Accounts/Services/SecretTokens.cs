using System.Security.Cryptography;
using System.Text;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// The random tokens of accounts (second-factor challenges, emailed links, API keys, recovery codes): 256 bits from
/// <see cref="RandomNumberGenerator"/>, and the SHA-256 kept in their place (random, so a fast hash is enough).
/// </summary>
internal static class SecretTokens
{
    public static string New() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
