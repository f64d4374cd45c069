using System.Globalization;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Patients;
using DynamicClinic.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Privacy;

/// <summary>Patients with everything that can hold their details, written straight to the site's database.</summary>
internal static class PrivacyTestData
{
    public static readonly DateTime Now = ClinicAppFactory.DefaultNow.UtcDateTime;

    private static int _day;

    /// <summary>
    /// A future booked appointment holding time blocks and a manage link, a past cancelled one, an email sent and one
    /// waiting, and an audit entry written the way patient edits used to be (contact details in before and after).
    /// </summary>
    public static Task<(string Upcoming, string Past, DateTime UpcomingStartUtc)> AddBookingTrailAsync(ClinicAppFactory site, int patientId, string name, string phone, string email, string oldName) =>
        site.WithDbAsync(async db =>
        {
            var clinician = await db.Clinicians.OrderBy(c => c.Id).FirstAsync();
            var treatment = await db.Treatments.OrderBy(t => t.Id).FirstAsync();
            // A day of its own per call: the time blocks of two calls never meet.
            var start = Now.Date.AddDays(30 + Interlocked.Increment(ref _day)).AddHours(6);
            var upcoming = RecordedAppointments.Recorded(
                RecordedAppointments.Known(patientId), clinician.Id, treatment.Id, start, TimeSpan.FromMinutes(30),
                source: AppointmentSource.Online, bookedUtc: Now.AddDays(-2), holdsTime: true, message: $"Please call {name} on {phone}");
            upcoming.ManageTokens.Add(new AppointmentManageToken { TokenHash = AppointmentManageToken.Hash(Guid.NewGuid().ToString()), CreatedUtc = Now.AddDays(-2) });
            var past = RecordedAppointments.Recorded(
                RecordedAppointments.Known(patientId), clinician.Id, treatment.Id, Now.AddDays(-10), TimeSpan.FromMinutes(30), AppointmentStatus.Cancelled,
                bookedUtc: Now.AddDays(-20), cancellationReason: $"{name} phoned to cancel");
            db.Appointments.AddRange(upcoming, past);
            db.OutboxMessages.AddRange(
                Message(upcoming, name, email, sentUtc: Now.AddDays(-2)),
                Message(upcoming, name, email, sentUtc: null),
                new OutboxMessage
                {
                    Kind = "BookingCancelled",
                    ToAddress = email.ToUpperInvariant(),
                    ToName = name,
                    Subject = "Your appointment",
                    TextBody = $"Dear {name}, your appointment is cancelled.",
                    CreatedUtc = Now.AddDays(-11),
                    NextAttemptUtc = Now.AddDays(-11),
                    SentUtc = Now.AddDays(-11),
                });
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredUtc = Now.AddDays(-5),
                ActorName = "Bilal Ahmed (reception@dynamicclinic.test)",
                Action = AuditActions.PatientUpdated,
                EntityType = AuditEntityTypes.Patient,
                EntityId = patientId.ToString(CultureInfo.InvariantCulture),
                PatientId = patientId,
                Summary = "Changed the name",
                Before = System.Text.Json.JsonSerializer.Serialize(new { FullName = oldName, PhoneE164 = phone }),
                After = System.Text.Json.JsonSerializer.Serialize(new { FullName = name, Email = email }),
            });
            await db.SaveChangesAsync();
            return (upcoming.Reference, past.Reference, start);
        });

    private static OutboxMessage Message(Appointment appointment, string name, string email, DateTime? sentUtc) => new()
    {
        Kind = "BookingConfirmed",
        Appointment = appointment,
        ToAddress = email,
        ToName = name,
        Subject = "Your booking at Dynamic Clinic",
        TextBody = $"Dear {name}, you are booked.",
        HtmlBody = $"<p>Dear {name}</p>",
        CreatedUtc = Now.AddDays(-2),
        NextAttemptUtc = Now.AddDays(-2),
        SentUtc = sentUtc,
    };

    /// <summary>A completed consultation with a signed note and one amendment, and a session plan; returns the appointment's reference.</summary>
    public static Task<string> AddClinicalRecordAsync(ClinicAppFactory site, int patientId) =>
        site.WithDbAsync(async db =>
        {
            var clinician = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Ayesha Khan");
            var treatment = await db.Treatments.SingleAsync(t => t.Slug == "general-consultation");
            var mesotherapy = await db.Treatments.SingleAsync(t => t.Slug == "mesotherapy");
            var appointment = RecordedAppointments.Recorded(
                RecordedAppointments.Known(patientId), clinician.Id, treatment.Id, Now.AddDays(-7), TimeSpan.FromMinutes(30), AppointmentStatus.Completed,
                bookedUtc: Now.AddDays(-9));
            db.Appointments.Add(appointment);
            db.SessionPlans.Add(new SessionPlan
            {
                PatientId = patientId,
                TreatmentId = mesotherapy.Id,
                ClinicianId = clinician.Id,
                StartDate = new DateOnly(2026, 11, 20),
                PreferredDay = DayOfWeek.Friday,
                PreferredTime = new TimeOnly(9, 0),
                PhasesSummary = "Initial: 6 weekly; maintenance: 2 monthly",
                TotalSessions = 8,
                CreatedUtc = Now.AddDays(-7),
                UpdatedUtc = Now.AddDays(-7),
            });
            await db.SaveChangesAsync();
            var note = new SessionNote
            {
                AppointmentId = appointment.Id,
                Kind = NoteKind.Consultation,
                Status = NoteStatus.Signed,
                Content = new NoteContent { HairLossPattern = "male-pattern", Candidate = "yes", RecommendedTreatment = "mesotherapy", Notes = "Crown thinning for two years." }.ToJson(),
                AuthorUserId = "user-ayesha",
                AuthorName = "Dr Ayesha Khan",
                CreatedUtc = Now.AddDays(-7),
                UpdatedUtc = Now.AddDays(-7),
                SignedUtc = Now.AddDays(-7),
            };
            note.Amendments.Add(new SessionNoteAmendment
            {
                Content = new NoteContent { HairLossPattern = "male-pattern", Candidate = "yes", RecommendedTreatment = "mesotherapy", Notes = "Crown thinning for three years." }.ToJson(),
                Reason = "Duration corrected after the patient called back.",
                AuthorUserId = "user-ayesha",
                AuthorName = "Dr Ayesha Khan",
                CreatedUtc = Now.AddDays(-6),
            });
            db.SessionNotes.Add(note);
            await db.SaveChangesAsync();
            return appointment.Reference;
        });

    /// <summary>Every row of every table whose text (any column, read as text) contains <paramref name="value"/>, as "table.column".</summary>
    public static async Task<List<string>> WhereFoundAsync(ClinicAppFactory site, string value)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={site.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("Patients", tables);
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            foreach (var column in columns)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower($value)) > 0";
                command.Parameters.AddWithValue("$value", value);
                var count = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                if (count > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }

        return found;
    }

    public static string NewPhone() => PatientTestData.NewPhone().Replace("+9230055", "+9230077", StringComparison.Ordinal);
}
