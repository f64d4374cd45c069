using System.Globalization;
using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Recalls;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Features.Recalls;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Rooms.RoomTestData;

namespace DynamicClinic.IntegrationTests.Recalls;

/// <summary>
/// Reception's recall list on Friday 27 November 2026: a weekly course with a cancelled session next Tuesday, a course
/// whose first monthly session is cancelled, one whose gap is weeks away, and consultations with and without a visit since.
/// </summary>
public class RecallTests : IClassFixture<RecallTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public RecallTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        if (await _factory.WithDbAsync(db => db.Clinicians.AnyAsync()))
        {
            return;
        }

        await _factory.SeedDemoDataAsync();
        var weekly = new[] { Completed(2026, 11, 17), Completed(2026, 11, 24), Cancelled(2026, 12, 1) }
            .Concat(Booked(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 22), new DateOnly(2027, 1, 19), new DateOnly(2027, 2, 16), new DateOnly(2027, 3, 16)));
        await CourseAsync("Recall Weekly", 9, weekly);
        // Six weekly Fridays from 2 October, then the first monthly session four weeks after the sixth.
        var monthly = Enumerable.Range(0, 6).Select(i => (new DateOnly(2026, 10, 2).AddDays(7 * i), AppointmentStatus.Completed))
            .Append(Cancelled(2026, 12, 4))
            .Append((new DateOnly(2027, 1, 1), AppointmentStatus.Booked));
        await CourseAsync("Recall Monthly", 8, monthly);
        await CourseAsync("Recall Later", 6, [Completed(2026, 11, 13), Completed(2026, 11, 20), Cancelled(2026, 12, 20), .. Booked(new DateOnly(2026, 12, 27), new DateOnly(2027, 1, 3), new DateOnly(2027, 1, 10))]);

        await VisitsAsync("Recall Lapsed", (new DateOnly(2026, 7, 10), AppointmentStatus.Completed));
        await VisitsAsync("Recall Returned", (new DateOnly(2026, 7, 10), AppointmentStatus.Completed), (new DateOnly(2026, 12, 10), AppointmentStatus.Booked));
        await VisitsAsync("Recall Recent", (new DateOnly(2026, 10, 20), AppointmentStatus.Completed));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CoursesFallingBehindAndLapsedConsultationsAreListed()
    {
        var due = await DueAsync();

        var weekly = Assert.Single(due, l => l.PatientName == "Recall Weekly");
        Assert.Equal(RecallKind.CourseSession, weekly.Kind);
        Assert.Equal(new DateOnly(2026, 12, 1), weekly.DueDate);
        Assert.Contains("session 3 of 9 (weekly phase)", weekly.What, StringComparison.Ordinal);

        var monthly = Assert.Single(due, l => l.PatientName == "Recall Monthly");
        Assert.Equal(new DateOnly(2026, 12, 4), monthly.DueDate);
        Assert.Contains("session 7 of 8 (monthly maintenance)", monthly.What, StringComparison.Ordinal);

        var lapsed = Assert.Single(due, l => l.PatientName == "Recall Lapsed");
        Assert.Equal(RecallKind.LapsedConsultation, lapsed.Kind);
        Assert.Equal(new DateOnly(2026, 10, 10), lapsed.DueDate);

        Assert.DoesNotContain(due, l => l.PatientName is "Recall Later" or "Recall Returned" or "Recall Recent");
    }

    [Fact]
    public async Task ReceptionWorksThroughTheListAndEachActionIsAudited()
    {
        // Patients of this test's own, so the listing test sees its patients untouched whichever runs first.
        await CourseAsync("Recall Act Weekly", 4, [Completed(2026, 11, 20), Cancelled(2026, 11, 27), .. Booked(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 11))]);
        await CourseAsync("Recall Act Monthly", 3, [Completed(2026, 10, 30), Cancelled(2026, 11, 27), .. Booked(new DateOnly(2026, 12, 25))]);
        await VisitsAsync("Recall Act Lapsed", (new DateOnly(2026, 6, 1), AppointmentStatus.Completed));
        using var reception = await _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var page = await reception.GetStringAsync("/staff/recalls");
        Assert.Contains("Recall Act Weekly", page, StringComparison.Ordinal);
        var token = HttpClientExtensions.AntiforgeryToken(page);
        var due = await DueAsync();

        async Task<HttpStatusCode> ActAsync(RecallLine line, RecallOutcome outcome)
        {
            using var response = await reception.PostAsync("/staff/recalls/act", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["PatientId"] = line.PatientId.ToString(CultureInfo.InvariantCulture),
                ["Kind"] = line.Kind.ToString(),
                ["SessionPlanId"] = line.SessionPlanId?.ToString(CultureInfo.InvariantCulture) ?? "",
                ["DueDate"] = line.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Outcome"] = outcome.ToString(),
            });
            return response.StatusCode;
        }

        var weekly = due.Single(l => l.PatientName == "Recall Act Weekly");
        var monthly = due.Single(l => l.PatientName == "Recall Act Monthly");
        var lapsed = due.Single(l => l.PatientName == "Recall Act Lapsed");
        Assert.Equal(HttpStatusCode.Redirect, await ActAsync(weekly, RecallOutcome.Called));
        Assert.Equal(HttpStatusCode.Redirect, await ActAsync(monthly, RecallOutcome.Booked));
        Assert.Equal(HttpStatusCode.Redirect, await ActAsync(lapsed, RecallOutcome.Declined));
        // A recall that is not on the list (another date) records nothing.
        Assert.Equal(HttpStatusCode.Redirect, await ActAsync(lapsed with { DueDate = lapsed.DueDate.AddDays(1) }, RecallOutcome.Called));

        var after = await DueAsync();
        Assert.StartsWith("Called", Assert.Single(after, l => l.PatientName == "Recall Act Weekly").LastCall, StringComparison.Ordinal);
        Assert.DoesNotContain(after, l => l.PatientName is "Recall Act Monthly" or "Recall Act Lapsed");
        Assert.Contains("no longer on the list", await reception.GetStringAsync("/staff/recalls"), StringComparison.Ordinal);

        var audited = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.RecallActioned).ToListAsync());
        Assert.Equal(3, audited.Count);
        Assert.Equal([weekly.PatientId, monthly.PatientId, lapsed.PatientId], audited.OrderBy(a => a.Id).Select(a => a.PatientId!.Value));
        Assert.Equal(3, await _factory.WithDbAsync(db => db.RecallActions.CountAsync()));
    }

    private static (DateOnly, AppointmentStatus) Completed(int year, int month, int day) => (new DateOnly(year, month, day), AppointmentStatus.Completed);

    private static (DateOnly, AppointmentStatus) Cancelled(int year, int month, int day) => (new DateOnly(year, month, day), AppointmentStatus.Cancelled);

    private static IEnumerable<(DateOnly, AppointmentStatus)> Booked(params DateOnly[] days) => days.Select(d => (d, AppointmentStatus.Booked));

    private Task<IReadOnlyList<RecallLine>> DueAsync() =>
        _factory.WithScopeAndReturnAsync(services => services.GetRequiredService<RecallList>().DueAsync(default));

    private async Task<Patient> PatientAsync(ClinicDbContext db, string name)
    {
        var patient = new Patient
        {
            FullName = name,
            PhoneE164 = "+92335" + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 10_000_000).ToString("D7", CultureInfo.InvariantCulture),
            CreatedUtc = _factory.Clock.GetUtcNow().UtcDateTime.AddYears(-1),
            UpdatedUtc = _factory.Clock.GetUtcNow().UtcDateTime.AddYears(-1),
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient;
    }

    private Task<int> CourseAsync(string name, int total, IEnumerable<(DateOnly Day, AppointmentStatus Status)> sessions) => _factory.WithDbAsync(async db =>
    {
        var patient = await PatientAsync(db, name);
        var ayesha = await db.Clinicians.Where(c => c.DisplayName == Ayesha).Select(c => c.Id).SingleAsync();
        var mesotherapy = await db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync();
        var list = sessions.ToList();
        var plan = new SessionPlan
        {
            PatientId = patient.Id,
            TreatmentId = mesotherapy,
            ClinicianId = ayesha,
            StartDate = list[0].Day,
            PreferredDay = list[0].Day.DayOfWeek,
            PreferredTime = new TimeOnly(11, 0),
            PhasesSummary = "Initial phase: 6 weekly; Maintenance: 3 monthly",
            TotalSessions = total,
            CreatedUtc = Utc(list[0].Day, 9).AddDays(-7),
            UpdatedUtc = Utc(list[0].Day, 9).AddDays(-7),
        };
        db.SessionPlans.Add(plan);
        await db.SaveChangesAsync();
        for (var i = 0; i < list.Count; i++)
        {
            db.Appointments.Add(RecordedAppointments.Recorded(patient, ayesha, mesotherapy, Utc(list[i].Day, 11), TimeSpan.FromMinutes(45), list[i].Status,
                AppointmentSource.SessionPlan, plan.CreatedUtc, plan, i + 1));
        }

        return await db.SaveChangesAsync();
    });

    private Task<int> VisitsAsync(string name, params (DateOnly Day, AppointmentStatus Status)[] visits) => _factory.WithDbAsync(async db =>
    {
        var patient = await PatientAsync(db, name);
        var hina = await db.Clinicians.Where(c => c.DisplayName == Hina).Select(c => c.Id).SingleAsync();
        var consultation = await db.Treatments.Where(t => t.Slug == "general-consultation").Select(t => t.Id).SingleAsync();
        foreach (var (day, status) in visits)
        {
            db.Appointments.Add(RecordedAppointments.Recorded(patient, hina, consultation, Utc(day, 10), TimeSpan.FromMinutes(30), status,
                bookedUtc: Utc(new DateOnly(2026, 7, 1), 9)));
        }

        return await db.SaveChangesAsync();
    });
}
