using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>Appointments for note tests, put straight into the database (no time blocks: they are in the past or seen).</summary>
internal static class NoteTestData
{
    public const string OtherClinicianEmail = "dr.omar@dynamicclinic.test";

    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");
    private static int _minute;

    /// <summary>A time on 27 November 2026 (the tests' today) or another day, in clinic time; each call another five minutes of the hour.</summary>
    public static DateTime Utc(int day = 27, int hour = 9) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, day, hour, 0, 0, DateTimeKind.Unspecified), Karachi).AddMinutes(Interlocked.Increment(ref _minute) % 10 * 5);

    public static Task<int> ClinicianIdAsync(ClinicAppFactory site, string name) =>
        site.WithDbAsync(db => db.Clinicians.Where(c => c.DisplayName == name).Select(c => c.Id).SingleAsync());

    /// <summary>
    /// A consultation, or with <paramref name="session"/> session 3 of an 8-session plan of <paramref name="treatmentSlug"/>
    /// (mesotherapy unless named).
    /// </summary>
    public static Task<string> AddAsync(
        ClinicAppFactory site, AppointmentStatus status, bool session = false, string clinician = "Dr Ayesha Khan", DateTime? startUtc = null, string patientPhone = "+923001110002",
        string? treatmentSlug = null) =>
        site.WithDbAsync(async db =>
        {
            var start = startUtc ?? Utc();
            var clinicianId = await db.Clinicians.Where(c => c.DisplayName == clinician).Select(c => c.Id).SingleAsync();
            var treatment = await db.Treatments.SingleAsync(t => t.Slug == (treatmentSlug ?? (session ? "mesotherapy" : "general-consultation")));
            var patient = await db.Patients.FirstAsync(p => p.PhoneE164 == patientPhone);
            SessionPlan? plan = null;
            if (session)
            {
                plan = new SessionPlan
                {
                    PatientId = patient.Id,
                    TreatmentId = treatment.Id,
                    ClinicianId = clinicianId,
                    StartDate = new DateOnly(2026, 11, 13),
                    PreferredDay = DayOfWeek.Friday,
                    PreferredTime = new TimeOnly(9, 0),
                    PhasesSummary = "Initial: 6 weekly; maintenance: 2 monthly",
                    TotalSessions = 8,
                    CreatedUtc = start.AddDays(-20),
                    UpdatedUtc = start.AddDays(-20),
                };
                db.SessionPlans.Add(plan);
                await db.SaveChangesAsync();
            }

            var appointment = RecordedAppointments.Recorded(
                patient, clinicianId, treatment.Id, start, TimeSpan.FromMinutes(30), status, plan: plan, sessionNumber: plan is null ? null : 3);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Reference;
        });

    /// <summary>A second clinician's staff account, linked to Dr Omar Farooq.</summary>
    public static Task EnsureOtherClinicianAsync(ClinicAppFactory site) =>
        site.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync(OtherClinicianEmail) is not null)
            {
                return;
            }

            var user = new StaffUser { UserName = OtherClinicianEmail, Email = OtherClinicianEmail, EmailConfirmed = true, DisplayName = "Dr Omar Farooq" };
            Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Clinician)).Succeeded);
            var db = services.GetRequiredService<ClinicDbContext>();
            var omar = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Omar Farooq");
            omar.StaffUserId = user.Id;
            await db.SaveChangesAsync();
        });
}
