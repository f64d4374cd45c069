using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>Calendar test data on top of the demo data: appointments at given clinic times, time off, closures.</summary>
internal static class CalendarTestData
{
    public static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    public static DateTime Utc(DateOnly date, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute)), Karachi);

    /// <summary>The demo clinicians' ids by display name.</summary>
    public static Task<Dictionary<string, int>> CliniciansAsync(ClinicAppFactory site) =>
        site.WithDbAsync(db => db.Clinicians.ToDictionaryAsync(c => c.DisplayName, c => c.Id));

    /// <summary>Adds an appointment (without time blocks: the calendar reads appointments) and returns its reference.</summary>
    public static Task<string> AddAppointmentAsync(
        ClinicAppFactory site, int clinicianId, DateTime startUtc, int minutes, string patientName, string phone = "+923009990000",
        AppointmentStatus status = AppointmentStatus.Booked, string treatmentSlug = "mesotherapy") =>
        site.WithDbAsync(async db =>
        {
            var treatment = await db.Treatments.SingleAsync(t => t.Slug == treatmentSlug);
            var now = ClinicAppFactory.DefaultNow.UtcDateTime;
            var patient = new Patient { FullName = patientName, PhoneE164 = phone, CreatedUtc = now, UpdatedUtc = now };
            var appointment = RecordedAppointments.Recorded(patient, clinicianId, treatment.Id, startUtc, TimeSpan.FromMinutes(minutes), status, bookedUtc: now);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Reference;
        });

    public static Task AddTimeOffAsync(ClinicAppFactory site, int clinicianId, DateTime startUtc, DateTime endUtc, string reason) =>
        site.WithDbAsync(async db =>
        {
            db.TimeOff.Add(new DynamicClinic.Domain.Clinicians.TimeOff { ClinicianId = clinicianId, StartUtc = startUtc, EndUtc = endUtc, Reason = reason });
            return await db.SaveChangesAsync();
        });

    public static Task AddClosureAsync(ClinicAppFactory site, DateOnly date, string reason) =>
        site.WithDbAsync(async db =>
        {
            db.ClinicClosures.Add(new ClinicClosure { Date = date, Reason = reason });
            return await db.SaveChangesAsync();
        });
}
