using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// How these browser tests wait. Playwright .NET's client-side waits (WaitForURLAsync, WaitForLoadStateAsync,
/// WaitForNavigationAsync and their RunAndWaitFor… forms) read the URL or load state that the test process keeps,
/// then subscribe to the event that changes it. The driver's events arrive on another thread, so one delivered
/// between the read and the subscription is lost and the wait runs into its timeout (microsoft/playwright-dotnet
/// #3364). On a loaded machine that happened here: the page had reached /credentials, the Host had answered it, and
/// the wait saw only "networkidle" after the "load" it had missed. The retrying assertions (Expect…) are asked of the
/// driver, which holds the state itself: nothing to lose. WaitForFunctionAsync is refused too: after a first answer of
/// "not yet" it polls inside the page with eval, which the UI's CSP (script-src 'self') refuses with an EvalError.
/// </summary>
public sealed class UiTestRules
{
    private static readonly string[] ClientSideWaits =
        ["WaitForURLAsync", "WaitForLoadStateAsync", "WaitForNavigationAsync", "RunAndWaitForNavigationAsync", "WaitForFunctionAsync"];

    [Fact]
    public void Browser_tests_wait_only_on_questions_the_driver_answers_never_on_client_side_events_or_in_page_polling()
    {
        var folder = Path.Combine(HostProcess.RepositoryRoot, "tests", "SecureShare.Ui.Tests");
        var offenders =
            from file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            where Path.GetFileName(file) != $"{nameof(UiTestRules)}.cs" && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            from wait in ClientSideWaits
            where line.text.Contains(wait, StringComparison.Ordinal)
            select $"{Path.GetFileName(file)}:{line.number} uses {wait}; use Assertions.Expect(page).ToHaveURLAsync, UiHost.ArrivedAtAsync or UiHost.LoadedAsync";

        offenders.ShouldBeEmpty();
    }
}
