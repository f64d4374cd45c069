using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>
/// The real site on Kestrel, listening on 127.0.0.1 only, on a port the OS picks, so a real browser can
/// reach it. Like the integration tests' factory it runs as "Testing" (production behaviour: HSTS,
/// friendly errors, Secure-only cookies) on its own migrated SQLite file in the run's folder (kept, with its
/// logs, for the log scan that runs last: see <see cref="TestRunFolder"/>), but with the
/// real clock (moved to a working morning), because the browser's own timers and cookie expiry follow real time.
/// </summary>
/// <remarks>
/// It serves https with a throwaway self-signed certificate (the browser context ignores certificate
/// errors). Plain http is not enough outside Development: Chromium would keep the Secure cookies on
/// http://127.0.0.1 (it counts loopback as a secure context), but the site's antiforgery refuses to issue
/// a token on a non-https request (<c>Cookie.SecurePolicy = Always</c>), so every page with a form,
/// such as staff sign-in, answers 500. With only an https endpoint there is nothing to redirect.
/// </remarks>
public sealed class KestrelClinicSite : WebApplicationFactory<Program>
{
    private readonly string _folder = TestRunFolder.ForHost("browser", nameof(KestrelClinicSite));
    private readonly X509Certificate2 _certificate = CreateLoopbackCertificate();

    public KestrelClinicSite()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
    }

    public string DatabasePath => Path.Combine(_folder, "clinic.db");

    /// <summary>The site's clock: real time moved to a working morning (see <see cref="ClinicMorningTimeProvider"/>).</summary>
    public ClinicMorningTimeProvider Clock { get; } = new();

    /// <summary>The address Kestrel actually bound, e.g. <c>https://127.0.0.1:41234/</c>; set by <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    /// <summary>Starts Kestrel, reads back the bound address and adds the demo data through the app's own seeder.</summary>
    public async Task StartAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = Assert.Single(addresses);
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        Assert.Equal("127.0.0.1", BaseAddress.Host);

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    /// <summary>Absolute address of a path on the site, for comparing with the browser's URL.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, MapStaticAssets serves files from the published wwwroot, and a build has
        // none: the precompressed site.css.gz it picks for a browser lives in obj/. The build's manifest
        // of static web assets (copied beside the tests) maps every asset to where it really is.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:ApplyMigrationsAtStartup", "true");
        // Every browser test books from 127.0.0.1 on this one shared site, and the journeys post the details step many
        // times (mistakes, language switches): the per-address limit of 20 a minute would answer 429 to whichever test
        // comes last. The limit itself is tested over HTTP in the integration tests.
        builder.UseSetting("Booking:BookingRequestsPerMinute", "1000");
        // Keys protected as production's should be: no "keys unencrypted" warning in every host's log.
        builder.UseSetting("DataProtection:Certificate:Path", TestKeyCertificate.Path);
        builder.UseSetting("DataProtection:Certificate:Password", TestKeyCertificate.Password);
        // The rolling log goes beside the database, not into the source tree, at the level the site logs at in
        // production (the log scan reads it); the console gets warnings only, requests are not worth a line each.
        // Through app configuration: UseSetting keys reach Serilog with empty parent sections it misreads.
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:File:Args:path"] = Path.Combine(_folder, "logs", "dynamicclinic-.log"),
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:WriteTo:Console:Args:restrictedToMinimumLevel"] = "Warning",
        }));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _certificate.Dispose();
        // Close the database file; the folder stays for the log scan.
        SqliteConnection.ClearAllPools();
    }

    private static X509Certificate2 CreateLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
