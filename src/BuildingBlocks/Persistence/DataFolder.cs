namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>The app's data folder (resolved by the Host, owner-only): what a module keeps on disk goes under it.</summary>
public sealed record DataFolder(string Path)
{
    /// <summary>A folder under the data folder (or elsewhere when <paramref name="configured"/> is absolute), created owner-only.</summary>
    public string Folder(string? configured, string fallback)
    {
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? fallback : configured, Path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
