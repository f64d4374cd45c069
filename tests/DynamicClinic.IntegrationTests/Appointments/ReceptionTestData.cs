using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Appointments;

/// <summary>Appointments put straight into the database for reception tests (including ones in the past).</summary>
internal static class ReceptionTestData
{
    public static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    public static DateTime Utc(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), Karachi);

    /// <summary>The value a free-time radio button carries, e.g. <c>1-20261128T0700Z</c>.</summary>
    public static string Slot(int clinicianId, DateTime utc) => $"{clinicianId}-{utc:yyyyMMdd'T'HHmm'Z'}";

    public static Task<int> TreatmentIdAsync(ClinicAppFactory site, string slug) =>
        site.WithDbAsync(db => db.Treatments.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    /// <summary>A 30-minute appointment holding its time, for a demo patient, with a new reference.</summary>
    public static Task<string> AddAsync(ClinicAppFactory site, int clinicianId, DateTime startUtc, AppointmentStatus status = AppointmentStatus.Booked, string patientPhone = "+923001110003") =>
        site.WithDbAsync(async db =>
        {
            var treatment = await db.Treatments.SingleAsync(t => t.Slug == "general-consultation");
            var patient = await db.Patients.FirstAsync(p => p.PhoneE164 == patientPhone);
            // Holding its time unless cancelled, as a booking would.
            var appointment = RecordedAppointments.Recorded(patient, clinicianId, treatment.Id, startUtc, TimeSpan.FromMinutes(30), status, holdsTime: true);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Reference;
        });

    public static Task<Appointment> LoadAsync(ClinicAppFactory site, string reference) =>
        site.WithDbAsync(db => db.Appointments.AsNoTracking().Include(a => a.TimeBlocks).Include(a => a.Patient).SingleAsync(a => a.Reference == reference));
}
