using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>Appointments for the email tests, relative to the factory's fixed "now", with one shared treatment and clinician.</summary>
internal static class TestAppointments
{
    /// <param name="email">The patient's address; empty for a made-up one, null for none.</param>
    public static Task<int> AddAsync(
        EmailAppFactory site, string reference, TimeSpan fromNow, AppointmentStatus status = AppointmentStatus.Booked, string? email = "") =>
        site.WithDbAsync(async db =>
        {
            var appointment = await NewAsync(db, reference, fromNow, status, email);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Id;
        });

    /// <summary>An unsaved appointment, as the booking feature has one just before saving.</summary>
    public static async Task<Appointment> NewAsync(
        ClinicDbContext db, string reference, TimeSpan fromNow, AppointmentStatus status = AppointmentStatus.Booked, string? email = "")
    {
        var treatment = await db.Treatments.FirstOrDefaultAsync(t => t.Slug == "email-test")
            ?? new Treatment { Slug = "email-test", Name = "Consultation" };
        var clinician = await db.Clinicians.FirstOrDefaultAsync(c => c.DisplayName == "Dr Email Test")
            ?? new Clinician { DisplayName = "Dr Email Test" };
        var now = ClinicAppFactory.DefaultNow.UtcDateTime;
        if (treatment.Id == 0 || clinician.Id == 0)
        {
            db.AddRange(treatment, clinician);
            await db.SaveChangesAsync();
        }

        var patient = new Patient
        {
            FullName = "Patient " + reference,
            PhoneE164 = "+923001234567",
            Email = email == "" ? $"patient-{reference}@example.com" : email,
            CreatedUtc = now,
        };
        var appointment = RecordedAppointments.Recorded(patient, clinician.Id, treatment.Id, now + fromNow, TimeSpan.FromMinutes(30), status, AppointmentSource.Online, bookedUtc: now.AddDays(-7));
        appointment.Treatment = treatment;
        appointment.Clinician = clinician;
        return appointment;
    }
}
