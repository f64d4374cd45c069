using System.Globalization;
using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>Patients and appointments for the patient-record tests, written straight to the site's database.</summary>
internal static class PatientTestData
{
    private static int _nextPhone;

    /// <summary>A valid Pakistani mobile number in E.164 that no other test uses.</summary>
    public static string NewPhone() =>
        "+9230055" + Interlocked.Increment(ref _nextPhone).ToString("00000", CultureInfo.InvariantCulture);

    /// <summary>The same number as reception might type it: "0300 55 00001".</summary>
    public static string Typed(string e164) => "0" + e164[3..6] + " " + e164[6..];

    public static Task<int> AddPatientAsync(ClinicAppFactory site, string name, string? phoneE164 = null, string? email = null, DateTime? createdUtc = null) =>
        site.WithDbAsync(async db =>
        {
            var when = createdUtc ?? ClinicAppFactory.DefaultNow.UtcDateTime.AddDays(-30);
            var patient = new Patient { FullName = name, PhoneE164 = phoneE164 ?? NewPhone(), Email = email, CreatedUtc = when, UpdatedUtc = when };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });

    /// <summary>An appointment with the first demo clinician and treatment; returns its reference.</summary>
    public static Task<string> AddAppointmentAsync(ClinicAppFactory site, int patientId, TimeSpan fromNow, AppointmentStatus status = AppointmentStatus.Booked) =>
        site.WithDbAsync(async db =>
        {
            var clinician = await db.Clinicians.OrderBy(c => c.Id).FirstAsync();
            var treatment = await db.Treatments.OrderBy(t => t.Id).FirstAsync();
            var start = ClinicAppFactory.DefaultNow.UtcDateTime + fromNow;
            var appointment = RecordedAppointments.Recorded(
                RecordedAppointments.Known(patientId), clinician.Id, treatment.Id, start, TimeSpan.FromMinutes(30), status,
                bookedUtc: ClinicAppFactory.DefaultNow.UtcDateTime.AddDays(-40));
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Reference;
        });

    /// <summary>Marks <paramref name="flaggedId"/> as a possible duplicate of <paramref name="otherId"/>, as a booking does.</summary>
    public static Task<int> FlagAsync(ClinicAppFactory site, int flaggedId, int otherId) =>
        site.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == flaggedId);
            patient.PossibleDuplicateOfPatientId = otherId;
            patient.Version = Guid.NewGuid();
            return await db.SaveChangesAsync();
        });

    /// <summary>Two records on one phone, the second (different name) flagged as a possible duplicate of the first.</summary>
    public static async Task<(int Existing, int Flagged)> AddFlaggedPairAsync(ClinicAppFactory site, string existingName, string flaggedName, string? email = null)
    {
        var phone = NewPhone();
        var existing = await AddPatientAsync(site, existingName, phone, email);
        var flagged = await AddPatientAsync(site, flaggedName, phone, createdUtc: ClinicAppFactory.DefaultNow.UtcDateTime.AddDays(-1));
        await FlagAsync(site, flagged, existing);
        return (existing, flagged);
    }

    public static Task<Patient> PatientAsync(ClinicAppFactory site, int id) =>
        site.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<List<AuditEntry>> AuditAsync(ClinicAppFactory site, int patientId, string action) =>
        site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.PatientId == patientId && e.Action == action).OrderBy(e => e.Id).ToListAsync());

    public static Task<List<string>> ReferencesOfAsync(ClinicAppFactory site, int patientId) =>
        site.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.Reference).Select(a => a.Reference).ToListAsync());

    /// <summary>GETs a page with a form posting to <paramref name="action"/> and returns the form's hidden fields (token included).</summary>
    public static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string page, string action)
    {
        using var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlForms.HiddenFields(await response.Content.ReadAsStringAsync(), action);
    }

    public static string Text(string html) => WebUtility.HtmlDecode(html);
}
