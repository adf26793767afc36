using System.Text.RegularExpressions;

namespace SecureShare.Tests;

/// <summary>
/// Pages without plumbing: a page asks what the caller may do (<c>Can(Ability.X)</c>, the same rule the handlers
/// require) instead of listing roles, and runs its commands through <c>CommandPage.RunAsync</c>, the one place a
/// refusal becomes the problem the page shows.
/// </summary>
public sealed partial class PageRuleTests
{
    private static readonly string Ui = Path.Combine(SecureShare.Testing.HostProcess.RepositoryRoot, "src", "Host", "Ui");

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in Directory.GetFiles(Ui, "*.razor", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Ui, page).Replace('\\', '/'));
        }

        return pages;
    }

    [GeneratedRegex(@"UserRole\.|\.IsAdmin\b|RequireRole\(")]
    private static partial Regex RoleRule();

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_names_no_role_and_catches_no_refusal_itself(string page)
    {
        var text = File.ReadAllText(Path.Combine(Ui, page));
        RoleRule().Matches(text).Select(m => m.Value).ShouldBeEmpty($"{page}: ask Caller.Required.Can(Ability.…) instead");
        text.ShouldNotContain("catch (AppException", customMessage: $"{page}: run the command with CommandPage.RunAsync");
    }
}
