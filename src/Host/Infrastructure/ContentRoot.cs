namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Where the app reads appsettings.json and its web root: the source folder when it runs from there (`dotnet run`
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

        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "SecureShare.Host.csproj")) ? current : AppContext.BaseDirectory;
    }
}
