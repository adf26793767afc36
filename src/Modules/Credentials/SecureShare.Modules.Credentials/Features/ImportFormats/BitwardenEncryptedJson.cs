using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Bitwarden's password-protected JSON export: the plain export, encrypted as one "EncString" under a key derived from the
/// export password. The password gives a 32-byte key (PBKDF2-SHA256 over the salt's UTF-8 bytes, kdfType 0), stretched
/// with HKDF-Expand (SHA-256) into an AES-256-CBC key (info "enc") and an HMAC-SHA256 key (info "mac"). An EncString of
/// type 2 is "2.iv|ciphertext|mac" in base64, the MAC over iv‖ciphertext. encKeyValidation_DO_NOT_EDIT is another EncString
/// under the same keys: it authenticates only with the right password. An export "encrypted" without a password is bound
/// to the account that made it and no other program can read it.
/// </summary>
internal static class BitwardenEncryptedJson
{
    public const int Pbkdf2 = 0;
    public const int Argon2id = 1;

    public static JsonDocument Decrypt(JsonElement root, string? password)
    {
        if (!root.Bool("passwordProtected"))
        {
            throw new UnreadableImportException(
                "This Bitwarden export is encrypted with its account's key, which only that account can open. Export it again as \"password protected\" (or unencrypted) JSON.");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new UnreadableImportException("This Bitwarden export is password protected: send its password in the field password.");
        }

        using var keys = DeriveKeys(password, root.String("salt") ?? string.Empty, root.Int("kdfType") ?? Pbkdf2, root.Int("kdfIterations"), root.Int("kdfMemory"), root.Int("kdfParallelism"));
        if (Open(root.String("encKeyValidation_DO_NOT_EDIT"), keys) is null)
        {
            throw new UnreadableImportException("The password does not open this Bitwarden export.");
        }

        var data = Open(root.String("data"), keys) ?? throw new UnreadableImportException("The encrypted content of this Bitwarden export is damaged.");
        try
        {
            return JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            throw new UnreadableImportException("The decrypted content of this Bitwarden export is not JSON.");
        }
    }

    /// <summary>The encryption and MAC keys an export password gives.</summary>
    public static ExportKeys DeriveKeys(string password, string salt, int kdfType, int? iterations, int? memoryMiB, int? parallelism)
    {
        byte[] master;
        if (kdfType == Pbkdf2)
        {
            if (iterations is not (>= 5_000 and <= 2_000_000))
            {
                throw new UnreadableImportException("This Bitwarden export names a PBKDF2 iteration count outside 5,000–2,000,000.");
            }

            master = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations.Value, HashAlgorithmName.SHA256, 32);
        }
        else if (kdfType == Argon2id)
        {
            if (iterations is not (>= 1 and <= 10) || memoryMiB is not (>= 15 and <= 256) || parallelism is not (>= 1 and <= 16))
            {
                throw new UnreadableImportException("This Bitwarden export names Argon2id settings past what SecureShare computes (at most 10 iterations, 256 MiB, 16 lanes): export it again with PBKDF2 or unencrypted.");
            }

            using var argon = new Konscious.Security.Cryptography.Argon2id(Encoding.UTF8.GetBytes(password))
            {
                Salt = SHA256.HashData(Encoding.UTF8.GetBytes(salt)),
                Iterations = iterations.Value,
                MemorySize = memoryMiB.Value * 1024,
                DegreeOfParallelism = parallelism.Value,
            };
            master = argon.GetBytes(32);
        }
        else
        {
            throw new UnreadableImportException($"This Bitwarden export uses a key derivation ({kdfType}) that is unknown.");
        }

        try
        {
            return new ExportKeys(
                HKDF.Expand(HashAlgorithmName.SHA256, master, 32, "enc"u8.ToArray()),
                HKDF.Expand(HashAlgorithmName.SHA256, master, 32, "mac"u8.ToArray()));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>The plaintext of a type-2 EncString, or null when it is malformed or its MAC does not match.</summary>
    public static string? Open(string? encString, ExportKeys keys)
    {
        if (encString is null || !encString.StartsWith("2.", StringComparison.Ordinal) || encString[2..].Split('|') is not [var ivText, var dataText, var macText])
        {
            return null;
        }

        try
        {
            var iv = Convert.FromBase64String(ivText);
            var data = Convert.FromBase64String(dataText);
            var mac = Convert.FromBase64String(macText);
            if (iv.Length != 16 || !CryptographicOperations.FixedTimeEquals(Mac(keys, iv, data), mac))
            {
                return null;
            }

            using var aes = Aes.Create();
            aes.Key = keys.Encryption;
            return Encoding.UTF8.GetString(aes.DecryptCbc(data, iv, PaddingMode.PKCS7));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A type-2 EncString of these UTF-8 bytes under fresh random IV.</summary>
    public static string Seal(ReadOnlySpan<byte> plaintext, ExportKeys keys)
    {
        var iv = RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = keys.Encryption;
        var data = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        return $"2.{Convert.ToBase64String(iv)}|{Convert.ToBase64String(data)}|{Convert.ToBase64String(Mac(keys, iv, data))}";
    }

    private static byte[] Mac(ExportKeys keys, byte[] iv, byte[] data) => HMACSHA256.HashData(keys.Authentication, iv.Concat(data).ToArray());
}

/// <summary>The two keys of a Bitwarden export password; cleared when disposed.</summary>
internal sealed record ExportKeys(byte[] Encryption, byte[] Authentication) : IDisposable
{
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Encryption);
        CryptographicOperations.ZeroMemory(Authentication);
    }

    public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
}
