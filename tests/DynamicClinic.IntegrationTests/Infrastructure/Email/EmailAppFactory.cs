using DynamicClinic.Data.Outbox;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>
/// The site with its email settings for a test: SMTP to a <see cref="SmtpTestServer"/> port (no TLS on loopback), or the
/// pickup folder; a sender that polls every 100 ms; optionally another site's database file, to run two sites on one database.
/// </summary>
public sealed class EmailAppFactory : ClinicAppFactory
{
    private readonly LogRecord _log = new();
    private bool _sharesDatabase;

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal)
    {
        ["Email:PollInterval"] = "00:00:00.100",
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        // The scheduler's own loop stays out of the way; tests run its passes themselves.
        ["Email:ReminderCheckInterval"] = "01:00:00",
    };

    public static EmailAppFactory WithSmtp(int port, string? sharedDatabasePath = null, params (string Key, string Value)[] settings)
    {
        var factory = new EmailAppFactory();
        factory._settings["Email:Smtp:Host"] = "127.0.0.1";
        factory._settings["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (sharedDatabasePath is not null)
        {
            // The other instance's database, on either provider (TestDatabase keys it by its path).
            factory._settings["Database:ConnectionString"] = TestDatabase.SharedWith(sharedDatabasePath, TestDatabase.SqlServer).ConnectionString;
            factory._sharesDatabase = true;
        }

        foreach (var (key, value) in settings)
        {
            factory._settings[key] = value;
        }

        return factory;
    }

    public static EmailAppFactory WithPickupDirectory()
    {
        var factory = new EmailAppFactory();
        factory._settings["Email:PickupDirectory"] = factory.PickupDirectory;
        return factory;
    }

    public string PickupDirectory => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "mail");

    protected override bool UseTemplateDatabase => !_sharesDatabase;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Adds messages through the app's <see cref="EmailOutbox"/> and saves them, as a booking would.</summary>
    public async Task<long[]> EnqueueAsync(params OutboxMessage[] messages)
    {
        await using var scope = Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        foreach (var message in messages)
        {
            outbox.Add(message);
        }

        await scope.ServiceProvider.GetRequiredService<DynamicClinic.Data.ClinicDbContext>().SaveChangesAsync();
        return [.. messages.Select(m => m.Id)];
    }

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>What the sender and the reminder scheduler logged, rendered, with every structured value.</summary>
    public string ReadLogs() => _log.Text;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // A closed ILogger<T> registration wins over the open generic one, so these two classes log here as well.
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogger<OutboxSender>>(provider =>
                new RecordingLogger<OutboxSender>(_log, provider.GetRequiredService<ILoggerFactory>().CreateLogger<OutboxSender>()));
            services.AddSingleton<ILogger<ReminderScheduler>>(provider =>
                new RecordingLogger<ReminderScheduler>(_log, provider.GetRequiredService<ILoggerFactory>().CreateLogger<ReminderScheduler>()));
        });
    }
}
