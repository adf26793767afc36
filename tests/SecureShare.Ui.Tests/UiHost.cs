using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The README's Host as a real process on the embedded SQLite default (demo MSP, clients and users
/// printed), and Debian's Chromium driven by Playwright: never a downloaded browser.
/// </summary>
public sealed class UiHost : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"secureshare-ui-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where each step's screenshot goes: TestResults/ui at the repository root, kept as a test artifact.</summary>
    public string Screenshots { get; } = Path.Combine(HostProcess.RepositoryRoot, "TestResults", "ui");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Host = await HostProcess.StartAsync(_dataDirectory, "--Sso:AllowLocalProviders", "true"); // the tests' OpenID provider runs here
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SECURESHARE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies), signed in through the login page.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        var page = await NewPageAsync();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, r) => requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} -> {r.Method} {r.Url}");
        page.Response += (_, r) => requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} <- {r.Status} {r.Url}");
        page.RequestFailed += (_, r) => requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} !! {r.Method} {r.Url} {r.Failure}");
        await EnterPasswordAsync(page, email);
        try
        {
            await ArrivedAtAsync(page, "/");
        }
        catch (TimeoutException)
        {
            // What the browser sent and got, and what this Host logged, at the moment it failed: a failed sign-in is then readable.
            await ScreenshotAsync(page, $"sign-in-timeout-{Host.Port}");
            await File.WriteAllLinesAsync(Path.Combine(Screenshots, $"sign-in-timeout-{Host.Port}.log"),
                [$"page at {page.Url}", .. requests, "--- host output ---", .. Host.Output]);
            throw;
        }

        return page;
    }

    /// <summary>A fresh browser context (its own cookies) at the Host, or at <paramref name="baseUrl"/> (another name of it), not signed in.</summary>
    public async Task<IPage> NewPageAsync(string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? Host.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Types a printed demo user's email and password on the sign-in page and sends them.</summary>
    public async Task EnterPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Host.PrintedPassword(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// Waits until <paramref name="page"/> shows <paramref name="path"/> (path and query, exactly) and its document has
    /// loaded. Both waits are questions Playwright's driver asks the browser until they hold, never the client-side
    /// navigation waits that <see cref="UiTestRules"/> forbids (they can miss the event they wait for).
    /// </summary>
    public async Task ArrivedAtAsync(IPage page, string path)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(new Uri(Host.BaseAddress, path).ToString())}$"));
        await LoadedAsync(page);
    }

    /// <summary>
    /// Waits until the page's current document has loaded (call it once something shows that document is the new one).
    /// The question is asked from here each time, as a DevTools evaluation that the page's CSP allows: Playwright's WaitForFunction
    /// would answer the first time the same way but then poll inside the page with eval, which script-src 'self' refuses
    /// (an EvalError whenever the document was still loading at the first look).
    /// </summary>
    public async Task LoadedAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30); // Playwright's own default for an action
        while (await page.EvaluateAsync<string>("document.readyState") != "complete")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{page.Url} did not finish loading within 30 s.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>An API client signed in as a printed demo user, for setting the scene.</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Host.PrintedPassword(email) }).ReadJsonAsync(HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        return http;
    }

    /// <summary>axe's serious and critical findings on the page as it is now (dialogs open included), as "rule: help (where)".</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        axe.Passes.ShouldNotBeEmpty("axe ran its rules");
        return axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))})")
            .ToList();
    }

    /// <summary>Collects what the page's scripts and the browser report as errors (script errors, refused content, failed loads).</summary>
    public static List<string> ErrorsOf(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"{page.Url}: {error}");
            }
        };
        return errors;
    }

    /// <summary>A step of a journey: its screenshot kept, and axe finding nothing serious or critical on the page as it is (menus and dialogs open included).</summary>
    public async Task LookAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name);
        (await AccessibilityProblemsAsync(page)).ShouldBeEmpty(name);
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            // the Host's own log beside the screenshots, for reading a failed run (one file per Host: two journeys run side by side)
            await File.WriteAllLinesAsync(Path.Combine(Screenshots, $"host-{Host.Port}.log"), Host.Output);
            Host.Dispose();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
