using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The app's data folder: the embedded database, generated key files and the cookie key ring live here,
/// never in git, and only the app's own user may enter it (0700 on Unix; the files in it are 0600).
/// </summary>
internal static class DataDirectory
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static string Resolve(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var path = configuration["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "data");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
            File.SetUnixFileMode(path, OwnerOnly); // also when it existed with wider rights
        }

        return path;
    }
}

internal static class DatabaseSettings
{
    public static DatabaseOptions Load(IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var file = Path.Combine(dataDirectory, "secureshare.db");
            if (!File.Exists(file) && !OperatingSystem.IsWindows())
            {
                // Made owner-only before SQLite opens it (an empty file is an empty database); its WAL and shared-memory files take its rights.
                using var _ = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            }

            options.ConnectionString = $"Data Source={file};Default Timeout=30;Foreign Keys=True";
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException($"Database:ConnectionString is required for {options.Provider}.");
        }

        return options;
    }
}

/// <summary>Reads or creates a random key file (owner-only permissions) in the data folder.</summary>
internal static class KeyFile
{
    public static byte[] ReadOrCreate(string path, int bytes)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes);
        Write(path, Convert.ToBase64String(key));
        return key;
    }

    /// <summary>Writes a key file readable by its owner only (created with those permissions, then filled).</summary>
    public static void Write(string path, string base64)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(base64);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
