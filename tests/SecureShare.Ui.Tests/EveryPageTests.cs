using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SecureShare.Tests;

/// <summary>
/// Every role of the demo, MSP and client side, walks every page its links reach (each kind of page once: ids and
/// query values aside): none answers an error status, logs a console error (a script error, a refused style or
/// script), or has a serious or critical accessibility violation; a Member is never led to a page to create or administer.
/// The walk follows links only (GET), so it changes nothing.
/// </summary>
public sealed partial class EveryPageTests(UiHost ui) : IClassFixture<UiHost>
{
    /// <summary>Where a walk never goes: signing out, the link recipient page, downloads, and what is not the UI.</summary>
    private static readonly string[] NotWalked = ["/logout", "/s/", "/audit/export", "/api/", "/scalar", "/openapi", "/hangfire", "/signed-in", "/sso/"];

    [Theory]
    [InlineData("admin@demo-msp.example")]
    [InlineData("technician@demo-msp.example")]
    [InlineData("member@demo-msp.example")]
    [InlineData("admin@contoso-dental.example")]
    [InlineData("technician@contoso-dental.example")]
    [InlineData("member@contoso-dental.example")]
    public async Task Every_page_a_role_reaches_answers_without_an_error_a_console_error_or_a_serious_accessibility_violation(string email)
    {
        var page = await ui.NewPageAsync();
        var errors = UiHost.ErrorsOf(page);
        await ui.EnterPasswordAsync(page, email);
        await ui.ArrivedAtAsync(page, "/");

        var seen = new HashSet<string> { KindOf("/") };
        var queue = new Queue<string>(["/"]);
        var problems = new List<string>();
        var walked = new List<string>();
        while (queue.Count > 0 && walked.Count < 60)
        {
            var path = queue.Dequeue();
            var response = await page.GotoAsync(path);
            await ui.LoadedAsync(page);
            walked.Add(path);
            if (response is null || response.Status >= 400)
            {
                problems.Add($"{path}: HTTP {response?.Status}");
                continue;
            }

            problems.AddRange((await UiHost.AccessibilityProblemsAsync(page)).Select(p => $"{path}: {p}"));
            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.getAttribute('href'))");
            var paths = hrefs.Select(h => h.Split('#')[0]); // a fragment is a place on a page already walked, or to be
            foreach (var href in paths.Where(h => h.StartsWith('/') && !NotWalked.Any(n => h.StartsWith(n, StringComparison.Ordinal))))
            {
                if (seen.Add(KindOf(href)))
                {
                    queue.Enqueue(href);
                }
            }
        }

        await ui.ScreenshotAsync(page, $"walk-{email.Split('@')[0]}-{email.Split('@')[1].Split('.')[0]}");
        problems.AddRange(errors);
        problems.ShouldBeEmpty($"walked {walked.Count} pages as {email}: {string.Join(" ", walked)}");
        walked.Count.ShouldBeGreaterThan(3);
        if (email.StartsWith("member@", StringComparison.Ordinal))
        {
            // A Member uses what is shared with them: no page offers what their role cannot do.
            seen.ShouldNotContain(KindOf("/credentials/new"));
            seen.ShouldNotContain(KindOf("/users"));
            seen.ShouldNotContain(KindOf("/settings"));
        }
    }

    /// <summary>A page's kind: its path with ids as {id}, and the names of its query parameters (not their values).</summary>
    private static string KindOf(string href)
    {
        var parts = href.Split('?', 2);
        var path = Id().Replace(parts[0], "{id}");
        var keys = parts.Length == 2
            ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Where(k => k != "cursor").Order())
            : "";
        return $"{path}?{keys}";
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Id();
}
