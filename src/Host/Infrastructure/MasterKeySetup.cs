using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The master key ring, from outside the database: Security:MasterKey (base64), or the key file
/// Security:MasterKeyFile, or — for the embedded SQLite default only — data/master.key, made on
/// first start. Security:PreviousMasterKeys and a pending master.key.next (left by an
/// interrupted rotation) still open data keys wrapped by them.
/// </summary>
internal static class MasterKeySetup
{
    public const string DefaultKeyFile = "master.key";

    public static string KeyFilePath(IConfiguration configuration, string dataDirectory) =>
        configuration["Security:MasterKeyFile"] is { Length: > 0 } file
            ? Path.GetFullPath(file, dataDirectory)
            : Path.Combine(dataDirectory, DefaultKeyFile);

    public static MasterKeyRing Load(IConfiguration configuration, string dataDirectory, DatabaseProvider provider)
    {
        var previous = (configuration.GetSection("Security:PreviousMasterKeys").Get<string[]>() ?? [])
            .Select(MasterKey.FromBase64).ToList();
        if (configuration["Security:MasterKey"] is { Length: > 0 } configured)
        {
            return new MasterKeyRing(MasterKey.FromBase64(configured), previous);
        }

        var path = KeyFilePath(configuration, dataDirectory);
        if (!File.Exists(path) && provider != DatabaseProvider.Sqlite && configuration["Security:MasterKeyFile"] is not { Length: > 0 })
        {
            throw new InvalidOperationException(
                "Security:MasterKey (or Security:MasterKeyFile) is required with a server database; a key file is generated only for the embedded SQLite default.");
        }

        if (File.Exists(path + ".next"))
        {
            previous.Add(MasterKey.FromBase64(File.ReadAllText(path + ".next")));
        }

        return new MasterKeyRing(new MasterKey(KeyFile.ReadOrCreate(path, MasterKey.Size)), previous);
    }
}
