using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Billing.BillingTestData;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>
/// Takings, the drawer, the accountant's CSV and the owner's reports over one known day (Wednesday 30 December 2026,
/// clear of the demo diary; the class's clock stays there), checked against figures counted by hand; and who sees money.
/// </summary>
public class MoneyReportsTests : IClassFixture<MoneyReportsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private bool _ready;

        /// <summary>The day's data, made once for the class.</summary>
        public async Task EnsureDayAsync()
        {
            await _once.WaitAsync();
            try
            {
                if (!_ready)
                {
                    await MakeDayAsync(this);
                    _ready = true;
                }
            }
            finally
            {
                _once.Release();
            }
        }
    }

    private const string LeadEmail = "lead@dynamicclinic.test";
    private const string Day = "2026-12-30";

    private readonly Factory _site;

    public MoneyReportsTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsurePricesAsync(_site);
        await _site.EnsureDayAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// 30 December, clinic time: a phone consultation with Dr Ayesha completed (drafts Rs 3,000; paid Rs 3,000 cash); an online
    /// appointment with Dr Omar completed and one missed; a walk-in with Dr Ayesha cancelled. At the desk: mesotherapy
    /// at its December price of Rs 9,000 plus Rs 2,000 of other items, 10 % off (Rs 9,900), Rs 5,000 paid by card; and a
    /// Rs 1,500 invoice credited.
    /// </summary>
    private static async Task MakeDayAsync(ClinicAppFactory site)
    {
        // 15:00 in Islamabad; a fake clock only moves forward, so the class stays on this day.
        site.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 30, 10, 0, 0, TimeSpan.Zero));
        var consult = await AppointmentAsync(site, Utc(12, 30, 9, 0), AppointmentStatus.Arrived);
        await site.WithDbAsync(async db =>
        {
            var patient = RecordedAppointments.Known(await PatientIdAsync(site));
            var treatment = await db.Treatments.Where(t => t.Slug == "general-consultation").Select(t => t.Id).SingleAsync();
            db.Appointments.Add(RecordedAppointments.Recorded(patient, 2, treatment, Utc(12, 30, 11, 0), TimeSpan.FromMinutes(30), AppointmentStatus.Completed, AppointmentSource.Online));
            db.Appointments.Add(RecordedAppointments.Recorded(patient, 2, treatment, Utc(12, 30, 12, 0), TimeSpan.FromMinutes(30), AppointmentStatus.NoShow, AppointmentSource.Online));
            var walkIn = RecordedAppointments.Recorded(patient, 1, treatment, Utc(12, 30, 13, 0), TimeSpan.FromMinutes(30), AppointmentStatus.Cancelled, AppointmentSource.WalkIn);
            db.Appointments.Add(walkIn);
            // Cancelled three hours before its start: inside the 24-hour cut-off, so late.
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredUtc = Utc(12, 30, 10, 0),
                ActorName = "Bilal Ahmed (reception)",
                Action = AuditActions.AppointmentCancelled,
                EntityType = AuditEntityTypes.Appointment,
                EntityId = walkIn.Reference,
                Summary = "Cancelled at the desk",
            });
            // Two courses started that day: one finished, one dropped.
            var meso = await db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync();
            foreach (var status in new[] { SessionPlanStatus.Completed, SessionPlanStatus.Discontinued })
            {
                db.SessionPlans.Add(new SessionPlan
                {
                    PatientId = patient.Id,
                    TreatmentId = meso,
                    ClinicianId = 2,
                    StartDate = new DateOnly(2026, 12, 30),
                    PreferredDay = DayOfWeek.Wednesday,
                    PreferredTime = new TimeOnly(10, 0),
                    PhasesSummary = "4 weekly",
                    TotalSessions = 4,
                    Status = status,
                    CreatedUtc = Utc(12, 30, 9, 0),
                    UpdatedUtc = Utc(12, 30, 9, 0),
                });
            }

            return await db.SaveChangesAsync();
        });

        await site.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var booking = services.GetRequiredService<AppointmentBooking>();
            var appointment = await db.Appointments.Include(a => a.TimeBlocks).SingleAsync(a => a.Reference == consult);
            Assert.IsType<Outcome.Done>(await booking.ChangeStatusAsync(appointment, AppointmentStatus.Completed, CancellationToken.None));
        });

        await site.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var desk = services.GetRequiredService<BillingDesk>();
            var ct = CancellationToken.None;
            var consultation = await db.Invoices.Where(i => i.AppointmentId == db.Appointments.Single(a => a.Reference == consult).Id).Select(i => i.Id).SingleAsync();
            Assert.IsType<Outcome.Done>(await desk.IssueAsync(consultation, null, ct));
            Assert.IsType<Outcome.Done>(await desk.TakePaymentAsync(consultation, new PaymentForm { MethodId = 1, Amount = "3000" }, ct));

            var desked = int.Parse(((Outcome.Done)await desk.DraftAsync(await PatientIdAsync(site), ct)).Reference!, CultureInfo.InvariantCulture);
            var meso = await db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync();
            Assert.IsType<Outcome.Done>(await desk.AddLineAsync(desked, new LineForm { Kind = "Treatment", TreatmentId = meso }, ct));
            Assert.IsType<Outcome.Done>(await desk.AddLineAsync(desked, new LineForm { Kind = "Custom", Description = "Scalp analysis", Amount = "2000" }, ct));
            Assert.IsType<Outcome.Done>(await desk.SetDiscountAsync(desked, new DiscountForm { Kind = "Percent", DiscountValue = "10", DiscountReason = "Returning patient" }, ct));
            Assert.IsType<Outcome.Done>(await desk.IssueAsync(desked, null, ct));
            Assert.IsType<Outcome.Done>(await desk.TakePaymentAsync(desked, new PaymentForm { MethodId = 2, Amount = "5000", Reference = "TID 991" }, ct));
        });

        var credited = await IssuedInvoiceAsync(site, 1500);
        await site.WithScopeAsync(async services =>
            Assert.IsType<Outcome.Done>(await services.GetRequiredService<BillingDesk>().CreditAsync(credited, null, CancellationToken.None)));

        await site.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync(LeadEmail) is null)
            {
                var user = new StaffUser { UserName = LeadEmail, Email = LeadEmail, EmailConfirmed = true, DisplayName = "Hira Qureshi (lead)" };
                Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRolesAsync(user, [StaffRoles.Reception, StaffRoles.FrontDeskLead])).Succeeded);
            }
        });
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")).Replace("  ", " ", StringComparison.Ordinal);

    [Fact]
    public async Task TheDaysTakingsArePerMethodAndPerMemberOfStaff()
    {
        using var lead = await _site.SignedInClientAsync(LeadEmail);

        var html = WebUtility.HtmlDecode(await lead.GetStringAsync($"/staff/billing/takings?day={Day}"));

        Assert.Contains("Taken in all: <strong>Rs 8,000</strong>", html, StringComparison.Ordinal);
        Assert.Matches(@"<th scope=""row"">Card</th><td>Rs 5,000</td><td>Rs 0</td><td>Rs 5,000</td>", html);
        Assert.Matches(@"<th scope=""row"">Cash</th><td>Rs 3,000</td><td>Rs 0</td><td>Rs 3,000</td>", html);
        Assert.Matches(@"<th scope=""row"">System</th><td>Rs 8,000</td>", html);
        Assert.Contains("Cash expected in the drawer: <strong>Rs 3,000</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingTheDrawerRecordsCountedAgainstExpectedAndWhoClosedIt()
    {
        using var lead = await _site.SignedInClientAsync(LeadEmail);
        var page = $"/staff/billing/takings?day={Day}";
        var action = $"/staff/billing/takings/{Day}/close";

        var bad = await PostFromPageAsync(lead, page, action, new() { ["Counted"] = "three thousand" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Matches("id=\"Counted-error\"[^>]*>Enter the amount in figures, e.g. 12500.<", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await _site.WithDbAsync(db => db.CashDrawerCloses.CountAsync()));

        var closed = await FollowAsync(lead, await PostFromPageAsync(lead, page, action, new() { ["Counted"] = "2,900", ["Note"] = "Change given twice" }));

        Assert.Contains("Drawer closed: short by Rs 100.", closed, StringComparison.Ordinal);
        Assert.Contains("by Hira Qureshi (lead): counted Rs 2,900 against Rs 3,000 expected, difference -Rs 100", closed, StringComparison.Ordinal);
        var row = await _site.WithDbAsync(db => db.CashDrawerCloses.AsNoTracking().SingleAsync());
        Assert.Equal((new DateOnly(2026, 12, 30), 3000m, 2900m, -100m, "Hira Qureshi (lead)"), (row.Day, row.ExpectedRupees, row.CountedRupees, row.DifferenceRupees, row.ClosedByName));
        Assert.True(await _site.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.DrawerClosed && e.EntityId == Day)));
    }

    [Fact]
    public async Task TheAccountantsCsvListsIssuedInvoicesAndPayments()
    {
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        var invoices = await admin.GetStringAsync("/staff/billing/export/invoices.csv?from=2026-12-01&to=2026-12-31");
        var payments = await admin.GetStringAsync("/staff/billing/export/payments.csv?from=2026-12-01&to=2026-12-31");

        var lines = invoices.Trim('\uFEFF').TrimEnd().Split("\r\n");
        Assert.Equal("Number,Kind,Status,Issued (clinic time),Patient id,Subtotal,Discount,Total,Paid,Balance,Cancels", lines[0]);
        Assert.Equal(5, lines.Length); // consultation, desk invoice, credited invoice and its credit note
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^DC-2026-\d{6},Invoice,Issued,2026-12-30 15:00,\d+,11000,1100,9900,5000,4900,$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^DC-2026-\d{6},CreditNote,Issued,2026-12-30 15:00,\d+,1500,0,1500,0,0,DC-2026-\d{6}$"));
        Assert.Contains(",Payment,2026-12-30 15:00,", payments, StringComparison.Ordinal);
        Assert.Matches(@",Card,5000,TID 991,System,\r\n", payments);
        Assert.Matches(@",Cash,3000,,System,\r\n", payments);
    }

    [Fact]
    public async Task TheOwnersReportsMatchTheHandCountedFigures()
    {
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        var html = await admin.GetStringAsync($"/staff/reports?from={Day}&to={Day}");
        var csv = await admin.GetStringAsync($"/staff/reports.csv?from={Day}&to={Day}");

        Assert.Contains("<svg class=\"report__chart\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        foreach (var expected in new[]
        {
            "Revenue by treatment,Mesotherapy,9000", "Revenue by treatment,General hair-loss consultation,3000", "Revenue by treatment,Products and other,2000",
            "Revenue by clinician,At the desk (no appointment),9900", "Revenue by clinician,Dr Ayesha Khan,3000",
            "Takings by method,Card,5000", "Takings by method,Cash,3000",
            "Bookings by source,Online,2", "Bookings by source,Phone,1", "Bookings by source,Walk-in,1",
            "No-show rate by clinician,Dr Omar Farooq,50", "No-show rate by clinician,Dr Ayesha Khan,0",
            // Wednesday: three appointments due (two completed, one missed); four in all, the walk-in cancelled late.
            "No-show rate by weekday,Wednesday,33.3",
            "Late-cancellation rate by clinician,Dr Ayesha Khan,50", "Late-cancellation rate by clinician,Dr Omar Farooq,0",
            "Late-cancellation rate by weekday,Wednesday,25",
            "Course completion,Started,2", "Course completion,Finished,1", "Course completion,Dropped (discontinued),1", "Course completion,Still going,0",
        })
        {
            Assert.Contains(expected + "," + Day + "," + Day, csv, StringComparison.Ordinal);
        }

        Assert.Contains("Before discounts, which came to Rs 1,100 in all.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Dr Omar Farooq</th><td>50 % of 2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Wednesday</th><td>33.3 % of 3</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Dr Ayesha Khan</th><td>50 % of 2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"course-completion-svg-title\">Course completion</title>", html, StringComparison.Ordinal);
        Assert.Contains("Outstanding balances by age,Up to 30 days (1 invoice)", (await admin.GetStringAsync($"/staff/reports.csv?from={Day}&to={Day}")).Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceptionSeesNoMoneyPagesAndAClinicianSeesOnlyTheirOwnFigures()
    {
        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        using var clinician = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using var lead = await _site.SignedInClientAsync(LeadEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await reception.GetAsync("/staff/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reception.GetAsync("/staff/billing/takings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reception.GetAsync("/staff/billing/export/payments.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/staff/billing/takings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/staff/reports")).StatusCode);
        Assert.DoesNotContain("href=\"/staff/reports\"", await reception.GetStringAsync("/staff"), StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/reports\"", await lead.GetStringAsync("/staff"), StringComparison.Ordinal);

        var own = await clinician.GetStringAsync($"/staff/reports.csv?from={Day}&to={Day}");
        Assert.Contains("Revenue by clinician,Dr Ayesha Khan,3000", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Omar Farooq", own, StringComparison.Ordinal);
        Assert.DoesNotContain("At the desk", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Takings by method", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Bookings by source,Online", own, StringComparison.Ordinal);
        Assert.Contains("Bookings by source,Phone,1", own, StringComparison.Ordinal);
        Assert.Contains("your own figures only", WebUtility.HtmlDecode(await clinician.GetStringAsync($"/staff/reports?from={Day}&to={Day}")), StringComparison.Ordinal);
    }
}
