using System.Globalization;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Rooms;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Rooms;

/// <summary>Rooms and desk bookings for the room, waitlist and recall tests, through the app's own booking core.</summary>
public static class RoomTestData
{
    public const string Ayesha = "Dr Ayesha Khan";
    public const string Omar = "Dr Omar Farooq";
    public const string Hina = "Dr Hina Raza";

    private static readonly TimeZoneInfo Clinic = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    public static async Task<T> WithScopeAndReturnAsync<T>(this ClinicAppFactory factory, Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await factory.WithScopeAsync(async services => result = await work(services));
        return result;
    }

    /// <summary>A clinic wall-clock time as UTC.</summary>
    public static DateTime Utc(DateOnly day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Clinic);

    /// <summary>Adds a room and makes the treatment need it; returns the room's id.</summary>
    public static Task<int> RoomForAsync(ClinicAppFactory factory, string name, string treatmentSlug) =>
        factory.WithDbAsync(async db =>
        {
            var room = new Room { Name = name };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            var treatment = await db.Treatments.SingleAsync(t => t.Slug == treatmentSlug);
            treatment.RoomId = room.Id;
            await db.SaveChangesAsync();
            return room.Id;
        });

    public static Task<int> ClinicianAsync(ClinicAppFactory factory, string name) =>
        factory.WithDbAsync(db => db.Clinicians.Where(c => c.DisplayName == name).Select(c => c.Id).SingleAsync());

    public static Task<int> TreatmentAsync(ClinicAppFactory factory, string slug) =>
        factory.WithDbAsync(db => db.Treatments.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    /// <summary>Books at the desk for a new patient (a unique phone per <paramref name="index"/>).</summary>
    public static async Task<Outcome> BookAsync(ClinicAppFactory factory, string clinician, string treatmentSlug, DateTime startUtc, int minutes, int index)
    {
        var clinicianId = await ClinicianAsync(factory, clinician);
        var treatmentId = await TreatmentAsync(factory, treatmentSlug);
        Outcome? outcome = null;
        await factory.WithScopeAsync(async services =>
        {
            var phone = "+92333" + index.ToString("D7", CultureInfo.InvariantCulture);
            outcome = await services.GetRequiredService<AppointmentBooking>().BookAsync(new BookingRequest(
                new BookingPatient.Details($"Room Patient {index}", phone, null, JoinSamePerson: false),
                clinicianId, treatmentId, [startUtc], TimeSpan.FromMinutes(minutes), AppointmentSource.Phone, BookingRules.Desk));
        });
        return outcome!;
    }
}
