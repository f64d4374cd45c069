using System.Net;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>Admins add and edit treatments: who offers them, the plan template, and whether they can be booked.</summary>
public class TreatmentAdminTests : IClassFixture<TreatmentAdminTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public TreatmentAdminTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> AdminAsync() => _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private static List<KeyValuePair<string, string>> Fields(
        string name,
        string slug,
        bool active = true,
        string consultation = "30",
        string session = "45",
        int[]? clinicians = null,
        params (string Name, string Min, string Max, string Usual, string Every, string Unit)[] phases)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Name", name),
            new("Slug", slug),
            new("Summary", "A summary."),
            new("ConsultationMinutes", consultation),
            new("SessionMinutes", session),
            new("SortOrder", "7"),
        };
        if (active)
        {
            fields.Add(new("IsActive", "true"));
        }

        fields.AddRange((clinicians ?? [1]).Select(c => new KeyValuePair<string, string>("ClinicianIds", c.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        for (var i = 0; i < phases.Length; i++)
        {
            var p = phases[i];
            fields.Add(new($"Phases[{i}].Name", p.Name));
            fields.Add(new($"Phases[{i}].MinSessions", p.Min));
            fields.Add(new($"Phases[{i}].MaxSessions", p.Max));
            fields.Add(new($"Phases[{i}].DefaultSessions", p.Usual));
            fields.Add(new($"Phases[{i}].IntervalCount", p.Every));
            fields.Add(new($"Phases[{i}].IntervalUnit", p.Unit));
        }

        return fields;
    }

    private static string FieldError(string html, string id)
    {
        var decoded = WebUtility.HtmlDecode(html);
        var at = decoded.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No error {id}.");
        return decoded[at..decoded.IndexOf("</", at, StringComparison.Ordinal)];
    }

    private Task<int> TreatmentIdAsync(string slug) => _factory.WithDbAsync(db => db.Treatments.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task ANewTreatmentIsSavedWithItsCliniciansAndPlanAndCanBeBooked()
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostListAsync("/staff/admin/treatments/new", "/staff/admin/treatments/new", Fields(
            "Low-level laser therapy",
            "laser-therapy",
            clinicians: [1, 3],
            phases: [("Initial phase", "4", "6", "5", "2", "Week"), ("Maintenance", "1", "3", "2", "2", "Month"), ("", "", "", "", "", "Week")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await TreatmentIdAsync("laser-therapy");
        await _factory.WithDbAsync(async db =>
        {
            var treatment = await db.Treatments.Include(t => t.Clinicians).SingleAsync(t => t.Id == id);
            Assert.Equal([1, 3], treatment.Clinicians.Select(c => c.Id).Order());
            var phases = await db.TreatmentPlanPhases.Where(p => p.TreatmentId == id).OrderBy(p => p.Order).ToListAsync();
            Assert.Equal(["Initial phase", "Maintenance"], phases.Select(p => p.Name));
            Assert.Equal(IntervalUnit.Month, phases[1].IntervalUnit);
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.TreatmentCreated);
            Assert.Equal(AuditEntityTypes.Treatment, entry.EntityType);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
            return 0;
        });
        Assert.Contains("value=\"laser-therapy\"", await _factory.CreateClient().GetStringAsync("/book"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "ok-slug", "30", "Name-error", "Enter the treatment")]
    [InlineData("Bad slug", "Bad Slug", "30", "Slug-error", "lowercase letters")]
    [InlineData("Taken slug", "mesotherapy", "30", "Slug-error", "already uses")]
    [InlineData("Odd minutes", "odd-minutes", "32", "ConsultationMinutes-error", "steps of 5")]
    [InlineData("Too long", "too-long", "485", "ConsultationMinutes-error", "5 to 480")]
    public async Task BadInputIsRefusedBesideTheFieldAndNothingIsSaved(string name, string slug, string minutes, string errorId, string message)
    {
        using var admin = await AdminAsync();
        var count = await _factory.WithDbAsync(db => db.Treatments.CountAsync());

        using var response = await admin.PostListAsync("/staff/admin/treatments/new", "/staff/admin/treatments/new", Fields(name, slug, consultation: minutes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(await response.Content.ReadAsStringAsync(), errorId), StringComparison.Ordinal);
        Assert.Equal(count, await _factory.WithDbAsync(db => db.Treatments.CountAsync()));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.TreatmentCreated && e.Summary.Contains(name))));
    }

    [Theory]
    [InlineData("5", "3", "4", "2", "Week", "smallest no more than the largest")]
    [InlineData("1", "3", "6", "2", "Week", "usual number")]
    [InlineData("1", "3", "2", "13", "Week", "1 to 12 weeks")]
    [InlineData("1", "3", "2", "7", "Month", "1 to 6 months")]
    public async Task BadPlanPhasesAreRefusedAndTheTemplateIsUnchanged(string min, string max, string usual, string every, string unit, string message)
    {
        using var admin = await AdminAsync();
        var id = await TreatmentIdAsync("prp-therapy");
        var before = await _factory.WithDbAsync(db => db.TreatmentPlanPhases.Where(p => p.TreatmentId == id).OrderBy(p => p.Order).Select(p => p.Name + p.MinSessions + p.MaxSessions).ToListAsync());

        using var response = await admin.PostListAsync($"/staff/admin/treatments/{id}", $"/staff/admin/treatments/{id}", Fields(
            "PRP therapy",
            "prp-therapy",
            clinicians: [1, 2],
            phases: [("Initial phase", min, max, usual, every, unit)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(await response.Content.ReadAsStringAsync(), "phase-0-error"), StringComparison.Ordinal);
        Assert.Equal(before, await _factory.WithDbAsync(db => db.TreatmentPlanPhases.Where(p => p.TreatmentId == id).OrderBy(p => p.Order).Select(p => p.Name + p.MinSessions + p.MaxSessions).ToListAsync()));
    }

    [Fact]
    public async Task PlanTemplateEditsAreSavedAndAudited()
    {
        using var admin = await AdminAsync();
        var id = await TreatmentIdAsync("medications");
        var fields = Fields("Medications", "medications", consultation: "20", session: "20", clinicians: [3], phases: [("Reviews", "2", "4", "4", "3", "Month"), ("Yearly check", "1", "1", "1", "6", "Month")]);
        fields.Add(new("Phases[0].Remove", "true"));

        using var response = await admin.PostListAsync($"/staff/admin/treatments/{id}", $"/staff/admin/treatments/{id}", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var phases = await _factory.WithDbAsync(db => db.TreatmentPlanPhases.Where(p => p.TreatmentId == id).OrderBy(p => p.Order).ToListAsync());
        var phase = Assert.Single(phases);
        Assert.Equal("Yearly check", phase.Name);
        Assert.Equal(0, phase.Order);
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.TreatmentUpdated && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("Yearly check", entry.After!, StringComparison.Ordinal);
        Assert.Contains("Reviews", entry.Before!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeactivatedTreatmentLeavesBookingButItsAppointmentsStay()
    {
        using var admin = await AdminAsync();
        var id = await TreatmentIdAsync("hair-transplant");
        var reference = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.TreatmentId == id).Select(a => a.Reference).FirstAsync());
        using var reception = _factory.CreateClient();
        await reception.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);
        Assert.Contains("Hair transplant", await reception.GetStringAsync("/staff/appointments/new"), StringComparison.Ordinal);

        using var response = await admin.PostListAsync($"/staff/admin/treatments/{id}", $"/staff/admin/treatments/{id}", Fields(
            "Hair transplant",
            "hair-transplant",
            active: false,
            consultation: "45",
            session: "240",
            clinicians: [2],
            phases: [("Post-operative check", "1", "1", "1", "1", "Week"), ("Growth reviews", "1", "3", "3", "3", "Month")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("value=\"hair-transplant\"", await _factory.CreateClient().GetStringAsync("/book"), StringComparison.Ordinal);
        Assert.DoesNotContain("Hair transplant", await reception.GetStringAsync("/staff/appointments/new"), StringComparison.Ordinal);
        using var appointment = await reception.GetAsync($"/staff/appointments/{reference}");
        Assert.Equal(HttpStatusCode.OK, appointment.StatusCode);
        Assert.Contains("Hair transplant", await appointment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Inactive", await admin.GetStringAsync("/staff/admin/treatments"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATemplateEditLeavesExistingSessionPlansAsTheyWere()
    {
        using var admin = await AdminAsync();
        var id = await TreatmentIdAsync("mesotherapy");
        var planId = await _factory.WithDbAsync(async db =>
        {
            var plan = new SessionPlan
            {
                PatientId = await db.Patients.Select(p => p.Id).FirstAsync(),
                TreatmentId = id,
                ClinicianId = 1,
                StartDate = new DateOnly(2026, 12, 1),
                PreferredDay = DayOfWeek.Tuesday,
                PreferredTime = new TimeOnly(10, 0),
                PhasesSummary = "Initial phase: 6 sessions, weekly; Maintenance: 3 sessions, monthly",
                TotalSessions = 9,
                CreatedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
            };
            db.SessionPlans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });

        using var response = await admin.PostListAsync($"/staff/admin/treatments/{id}", $"/staff/admin/treatments/{id}", Fields(
            "Mesotherapy",
            "mesotherapy",
            clinicians: [1, 3],
            phases: [("Intensive phase", "8", "10", "8", "1", "Week")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Intensive phase", await _factory.WithDbAsync(db => db.TreatmentPlanPhases.Where(p => p.TreatmentId == id).Select(p => p.Name).SingleAsync()));
        var plan = await _factory.WithDbAsync(db => db.SessionPlans.AsNoTracking().SingleAsync(p => p.Id == planId));
        Assert.Equal("Initial phase: 6 sessions, weekly; Maintenance: 3 sessions, monthly", plan.PhasesSummary);
        Assert.Equal(9, plan.TotalSessions);
    }
}
