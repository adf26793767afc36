namespace SecureShare.Testing;

/// <summary>deploy/Dockerfile, read by the tests that must build and run the app exactly as the image does.</summary>
public static class Dockerfile
{
    public static string Path => System.IO.Path.Combine(HostProcess.RepositoryRoot, "deploy", "Dockerfile");

    public static string[] Lines => File.ReadAllLines(Path);

    /// <summary>
    /// The image's `dotnet publish` arguments with its output folder replaced by <paramref name="output"/> and --no-build
    /// added (the tests publish what the test command built, in the same configuration).
    /// </summary>
    public static string[] PublishArguments(string output)
    {
        var words = Lines.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
        var o = Array.IndexOf(words, "-o");
        words[o + 1] = output;
        words[Array.IndexOf(words, "publish") + 1] = System.IO.Path.Combine(HostProcess.RepositoryRoot, words[Array.IndexOf(words, "publish") + 1]);
        return [.. words, "--no-build"];
    }
}
