using System.Globalization;
using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>Prices, appointments and invoices for the billing tests, on the demo data ("now" is Friday 27 November 2026, 10:00).</summary>
internal static class BillingTestData
{
    public const int MesotherapyPrice = 8000;
    public const int ConsultationFee = 3000;

    public static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    public static DateTime Utc(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), Karachi);

    /// <summary>Mesotherapy at Rs 8,000 this year and Rs 9,000 from December; a serum at Rs 2,500.</summary>
    public static Task EnsurePricesAsync(ClinicAppFactory site) =>
        site.WithDbAsync(async db =>
        {
            var meso = await db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync();
            if (!await db.TreatmentPrices.AnyAsync(p => p.TreatmentId == meso))
            {
                db.TreatmentPrices.Add(new TreatmentPrice { TreatmentId = meso, Rupees = MesotherapyPrice, From = new DateOnly(2026, 1, 1) });
                db.TreatmentPrices.Add(new TreatmentPrice { TreatmentId = meso, Rupees = 9000, From = new DateOnly(2026, 12, 1) });
                db.Products.Add(new Product { Name = "Hair serum", Rupees = 2500 });
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>A past appointment, arrived (ready to complete) unless told otherwise, optionally a session of a mesotherapy plan.</summary>
    public static Task<string> AppointmentAsync(ClinicAppFactory site, DateTime startUtc, AppointmentStatus status = AppointmentStatus.Arrived, bool planSession = false, string patientPhone = "+923001110002") =>
        site.WithDbAsync(async db =>
        {
            var treatment = await db.Treatments.SingleAsync(t => t.Slug == (planSession ? "mesotherapy" : "general-consultation"));
            var patient = await db.Patients.FirstAsync(p => p.PhoneE164 == patientPhone);
            SessionPlan? plan = null;
            if (planSession)
            {
                plan = await db.SessionPlans.FirstOrDefaultAsync(p => p.PatientId == patient.Id && p.TreatmentId == treatment.Id);
                if (plan is null)
                {
                    plan = new SessionPlan
                    {
                        PatientId = patient.Id,
                        TreatmentId = treatment.Id,
                        ClinicianId = 1,
                        StartDate = new DateOnly(2026, 11, 2),
                        PreferredDay = DayOfWeek.Monday,
                        PreferredTime = new TimeOnly(10, 0),
                        PhasesSummary = "8 weekly",
                        TotalSessions = 8,
                        CreatedUtc = startUtc.AddDays(-20),
                        UpdatedUtc = startUtc.AddDays(-20),
                    };
                    db.SessionPlans.Add(plan);
                    await db.SaveChangesAsync();
                }
            }

            var appointment = RecordedAppointments.Recorded(patient, 1, treatment.Id, startUtc, TimeSpan.FromMinutes(30), status, plan: plan, sessionNumber: plan is null ? null : 1);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Reference;
        });

    public const string LeadEmail = "lead@dynamicclinic.test";

    /// <summary>A member of reception with the Front desk lead role.</summary>
    public static Task EnsureLeadAsync(ClinicAppFactory site) =>
        site.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync(LeadEmail) is null)
            {
                var user = new StaffUser { UserName = LeadEmail, Email = LeadEmail, EmailConfirmed = true, DisplayName = "Hira Qureshi (lead)" };
                Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRolesAsync(user, [StaffRoles.Reception, StaffRoles.FrontDeskLead])).Succeeded);
            }
        });

    public static Task<int> PatientIdAsync(ClinicAppFactory site, string phone = "+923001110002") =>
        site.WithDbAsync(db => db.Patients.Where(p => p.PhoneE164 == phone).Select(p => p.Id).FirstAsync());

    /// <summary>An invoice with custom lines at these prices, issued through the billing desk.</summary>
    public static async Task<int> IssuedInvoiceAsync(ClinicAppFactory site, params int[] prices)
    {
        var id = await DraftAsync(site, prices);
        await site.WithScopeAsync(async services =>
            Assert.IsType<Outcome.Done>(await services.GetRequiredService<BillingDesk>().IssueAsync(id, null, CancellationToken.None)));
        return id;
    }

    public static async Task<int> DraftAsync(ClinicAppFactory site, params int[] prices)
    {
        var patientId = await PatientIdAsync(site);
        var id = 0;
        await site.WithScopeAsync(async services =>
        {
            var desk = services.GetRequiredService<BillingDesk>();
            var draft = Assert.IsType<Outcome.Done>(await desk.DraftAsync(patientId, CancellationToken.None));
            id = int.Parse(draft.Reference!, CultureInfo.InvariantCulture);
            foreach (var price in prices)
            {
                Assert.IsType<Outcome.Done>(await desk.AddLineAsync(id, new LineForm { Kind = "Custom", Description = "Hair analysis", Amount = price.ToString(CultureInfo.InvariantCulture) }, CancellationToken.None));
            }
        });
        return id;
    }

    public static Task<Invoice> InvoiceAsync(ClinicAppFactory site, int id) =>
        site.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id));

    public static Task<List<Payment>> PaymentsAsync(ClinicAppFactory site, int invoiceId) =>
        site.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).OrderBy(p => p.Id).ToListAsync());

    /// <summary>Posts a form of the page as a browser would: its hidden fields (antiforgery, version) plus these.</summary>
    public static async Task<HttpResponseMessage> PostFromPageAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var all = HtmlForms.HiddenFields(html, action);
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }

        return await client.PostAsync(action, all);
    }

    /// <summary>Posts to an action the page offers no form for (a button not shown to this user), with a valid antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string action, Dictionary<string, string> fields)
    {
        var all = HtmlForms.HiddenFields(await client.GetStringAsync("/staff"), "/staff/sign-out");
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }

        return await client.PostAsync(action, all);
    }

    public static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location));
    }
}
