using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Time;
using DynamicClinic.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>The online form's validator as the site builds it: the real resources, and a clock the test chooses.</summary>
internal static class BookingValidators
{
    public static IStringLocalizer<BookingText> Text { get; } =
        new StringLocalizer<BookingText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    public static PatientDetailsFormValidator Details(TimeProvider? clock = null) =>
        new(new ClinicClock(clock ?? TimeProvider.System, Options.Create(new ClinicOptions())), Text);
}
