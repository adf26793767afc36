using System.Text.RegularExpressions;

namespace SecureShare.Tests;

/// <summary>
/// A newcomer finds a rule by its name: one feature per file, named after it, in a folder per area
/// (<c>Features/Links/CreateLink.cs</c>); no source file so long that it hides what it holds.
/// </summary>
public sealed partial class FeatureLayoutTests
{
    private const int MaxLines = 300;

    private static readonly string Root = SecureShare.Testing.HostProcess.RepositoryRoot;

    private static IEnumerable<string> SourceFiles(string folder, params string[] extensions) =>
        Directory.GetFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                && !f.StartsWith("src/Migrations/", StringComparison.Ordinal));

    [GeneratedRegex(@"\.Map(Get|Post|Put|Patch|Delete)\(")]
    private static partial Regex MapsRoute();

    [GeneratedRegex(@"^public static (?:partial )?class (\w+)", RegexOptions.Multiline)]
    private static partial Regex FeatureClass();

    [Fact]
    public void No_source_file_under_src_is_longer_than_300_lines()
    {
        var tooLong = SourceFiles("src", ".cs", ".razor")
            .Select(f => (File: f, Lines: File.ReadAllLines(Path.Combine(Root, f)).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();
        tooLong.ShouldBeEmpty($"split these by feature or component (at most {MaxLines} lines)");
    }

    [Fact]
    public void A_file_that_maps_a_route_maps_exactly_one_and_is_named_after_its_feature()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles("src/Modules", ".cs").Where(f => f.Contains("/Features/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(Path.Combine(Root, file));
            var routes = MapsRoute().Matches(text).Count;
            if (routes == 0)
            {
                continue;
            }

            var features = FeatureClass().Matches(text).Select(m => m.Groups[1].Value).ToList();
            if (routes != 1 || features.Count != 1 || features[0] != Path.GetFileNameWithoutExtension(file))
            {
                wrong.Add($"{file}: {routes} route(s), feature class(es) {string.Join(", ", features)}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Features_live_in_a_folder_per_area_and_their_namespace_follows_it()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles("src/Modules", ".cs"))
        {
            var parts = file.Split('/');
            var project = parts[3];
            var features = Array.IndexOf(parts, "Features");
            if (features > 0 && parts.Length - features != 3)
            {
                wrong.Add($"{file}: not in Features/<Area>/");
            }

            var folder = string.Join('.', parts[4..^1]);
            var expected = folder.Length == 0 ? project : $"{project}.{folder}";
            var declared = File.ReadLines(Path.Combine(Root, file)).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal));
            if (declared is not null && declared != $"namespace {expected};")
            {
                wrong.Add($"{file}: {declared} (expected namespace {expected})");
            }
        }

        wrong.ShouldBeEmpty();
    }
}
