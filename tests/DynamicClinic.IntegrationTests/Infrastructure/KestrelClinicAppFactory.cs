using System.Globalization;
using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>
/// The site of <see cref="ClinicAppFactory"/> (Testing, fixed clock, migrated SQLite file) served by Kestrel over HTTPS on
/// 127.0.0.1 and a port the OS picks, optionally on another instance's database file and with an SMTP server, as one of
/// several instances behind a load balancer.
/// </summary>
public sealed class KestrelClinicAppFactory : ClinicAppFactory
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly bool _sharesDatabase;

    public KestrelClinicAppFactory(string? sharedDatabasePath = null, int? smtpPort = null)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(LoopbackHttps.Certificate)));
        if (sharedDatabasePath is not null)
        {
            // The other instance's database, on either provider (TestDatabase keys it by its path).
            _settings["Database:ConnectionString"] = TestDatabase.SharedWith(sharedDatabasePath, TestDatabase.SqlServer).ConnectionString;
            _sharesDatabase = true;
        }

        if (smtpPort is { } port)
        {
            _settings["Email:Smtp:Host"] = "127.0.0.1";
            _settings["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture);
            _settings["Email:Smtp:Security"] = "None";
            _settings["Email:Smtp:TimeoutSeconds"] = "10";
            _settings["Email:PollInterval"] = "00:00:00.100";
            _settings["Email:SendReminders"] = "false";
        }
    }

    /// <summary>Where Kestrel listens, e.g. <c>https://127.0.0.1:41234/</c>; set by <see cref="Start"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    protected override bool UseTemplateDatabase => !_sharesDatabase;

    public void Start()
    {
        StartServer();
        var address = Assert.Single(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        Assert.Equal("127.0.0.1", BaseAddress.Host);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
