using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.Host.Infrastructure;

/// <summary>The app's data folder: the embedded database and generated key files live here, never in git.</summary>
internal static class DataDirectory
{
    public static string Resolve(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var path = configuration["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(path);
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
            options.ConnectionString = $"Data Source={Path.Combine(dataDirectory, "secureshare.db")};Default Timeout=30;Foreign Keys=True";
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
