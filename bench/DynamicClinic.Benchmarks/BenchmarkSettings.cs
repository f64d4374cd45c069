using DynamicClinic.Data;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Benchmarks;

/// <summary>
/// The clinic's settings as the site reads them: one primary-key read per request (per DbContext here), falling back
/// to the default booking rules while the benchmark database has no settings row.
/// </summary>
public static class BenchmarkSettings
{
    public static ClinicSettingsService For(ClinicDbContext db, ClinicClock clock) => new(
        db,
        clock,
        Options.Create(new ClinicOptions { TimeZoneId = BenchmarkDatabase.TimeZoneId }),
        Options.Create(new BookingOptions()),
        Options.Create(new EmailOptions()),
        new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
        NullLogger<ClinicSettingsService>.Instance);
}
