using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>
/// One site and one headless Chromium (Debian's, at /usr/bin/chromium) shared by every test in the
/// collection; each test opens its own <see cref="IBrowserContext"/>, so cookies and storage never leak
/// between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // We run as root; without the background-networking switches Chromium tries to reach Google's hosts.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelClinicSite Site { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // Kestrel, migrations and seeding take a few seconds: start them beside Chromium, not before it.
        var site = Task.Run(Site.StartAsync);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        await site;
    }

    /// <summary>A fresh context (own cookies, storage, viewport) pointed at the site; dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync(Viewport viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.IsMobile,
            HasTouch = viewport.IsMobile,
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            // The site's certificate is a throwaway self-signed one made for this run.
            IgnoreHTTPSErrors = true,
        });
        // Fail in seconds, not in Playwright's default 30: every page here is local.
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

/// <summary>
/// The first of two collections of browser tests, each with a site and a Chromium of its own. xunit runs the tests of a
/// collection one after another and the two collections side by side. A test spends much of its time waiting on its
/// browser (one collection kept about half a core busy), so two side by side finish well before one would. Keep their
/// run times about even: accessibility audits and clinical journeys in <see cref="SecondBrowser"/>, the rest here.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The second collection of browser tests: see <see cref="SharedBrowser"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser 2";
}
