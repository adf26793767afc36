namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Where the app reads appsettings.json and its web root: the source folder when its own build runs from there (`dotnet run`
/// starts in the project folder), otherwise the app's own folder, whatever the working directory — a published app,
/// a container, a service unit or the build output started from elsewhere all find what ships beside them.
/// An explicit --contentRoot (or ASPNETCORE_CONTENTROOT) still wins.
/// </summary>
internal static class ContentRoot
{
    public static string? Choose(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 })
        {
            return null;
        }

        // The working directory counts only when this very build lives in its bin folder: a folder that merely holds a
        // file of that name (a shared /tmp) must not hand the app another appsettings.json or web root.
        var current = Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory());
        var fromSource = File.Exists(Path.Combine(current, "SecureShare.Host.csproj"))
            && AppContext.BaseDirectory.StartsWith(Path.Combine(current, "bin") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return fromSource ? current : AppContext.BaseDirectory;
    }
}
