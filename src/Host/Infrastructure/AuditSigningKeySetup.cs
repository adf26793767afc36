using SecureShare.Modules.Audit;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The audit signing key, from outside the database like the master key: Audit:SigningKey (base64 PKCS#8 of an
/// ECDSA P-256 key), or the key file Audit:SigningKeyFile, or data/audit-signing.key, made on first start. Several
/// hosts of one installation share it through the setting or a shared key file.
/// </summary>
internal static class AuditSigningKeySetup
{
    public const string DefaultKeyFile = "audit-signing.key";

    public static AuditSigningKey Load(IConfiguration configuration, string dataDirectory)
    {
        if (configuration["Audit:SigningKey"] is { Length: > 0 } configured)
        {
            return AuditSigningKey.FromPkcs8(configured);
        }

        var path = configuration["Audit:SigningKeyFile"] is { Length: > 0 } file
            ? Path.GetFullPath(file, dataDirectory)
            : Path.Combine(dataDirectory, DefaultKeyFile);
        if (!File.Exists(path))
        {
            KeyFile.Write(path, AuditSigningKey.GeneratePkcs8());
        }

        return AuditSigningKey.FromPkcs8(File.ReadAllText(path));
    }
}
