using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Reports;

/// <summary>
/// Utilisation (booked hours of working hours per clinician) over one week clear of the demo diary, Monday 1 to Sunday
/// 7 March 2027, for a clinician made for the test, against figures counted by hand.
/// </summary>
public class UtilisationReportTests(ClinicAppFactory site) : IClassFixture<ClinicAppFactory>, IAsyncLifetime
{
    private const string From = "2027-03-01";
    private const string To = "2027-03-07";
    private const string Name = "Dr Sana Malik";

    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    public async Task InitializeAsync()
    {
        await site.SeedDemoDataAsync();
        await site.WithDbAsync(async db =>
        {
            if (await db.Clinicians.AnyAsync(c => c.DisplayName == Name))
            {
                return 0;
            }

            // Monday 09:00-13:00 and 14:00-17:00 (7 h), Wednesday 10:00-16:00 (6 h), Saturday 10:00-12:00 (2 h).
            var sana = new Clinician { DisplayName = Name, Title = "Hair-loss physician" };
            sana.WorkingHours.Add(new WorkingHours { DayOfWeek = DayOfWeek.Monday, Start = new TimeOnly(9, 0), End = new TimeOnly(13, 0) });
            sana.WorkingHours.Add(new WorkingHours { DayOfWeek = DayOfWeek.Monday, Start = new TimeOnly(14, 0), End = new TimeOnly(17, 0) });
            sana.WorkingHours.Add(new WorkingHours { DayOfWeek = DayOfWeek.Wednesday, Start = new TimeOnly(10, 0), End = new TimeOnly(16, 0) });
            sana.WorkingHours.Add(new WorkingHours { DayOfWeek = DayOfWeek.Saturday, Start = new TimeOnly(10, 0), End = new TimeOnly(12, 0) });
            // Monday 12:00-15:00 off takes 13:00's hour either side of lunch: 5 h. Saturday until 10:30 off: 1 h 30 min.
            sana.TimeOff.Add(new Domain.Clinicians.TimeOff { StartUtc = At(1, 12), EndUtc = At(1, 15), Reason = "Training" });
            sana.TimeOff.Add(new Domain.Clinicians.TimeOff { StartUtc = At(6, 8), EndUtc = At(6, 10, 30), Reason = "Late start" });
            db.Clinicians.Add(sana);
            // Wednesday closed for everyone: nothing of Dr Sana's 6 h counts. Working hours: 6 h 30 min.
            db.ClinicClosures.Add(new ClinicClosure { Date = new DateOnly(2027, 3, 3), Reason = "Public holiday" });
            await db.SaveChangesAsync();

            var patient = RecordedAppointments.Known(await db.Patients.Select(p => p.Id).FirstAsync());
            var treatment = await db.Treatments.Where(t => t.Slug == "general-consultation").Select(t => t.Id).SingleAsync();
            // Booked: 60 + 30 + 45 = 135 min. The missed, the cancelled and the one the week after hold no time in it.
            foreach (var (day, hour, minute, length, status) in new[]
            {
                (1, 9, 0, 60, AppointmentStatus.Completed),
                (1, 15, 0, 30, AppointmentStatus.Arrived),
                (6, 10, 30, 45, AppointmentStatus.Booked),
                (6, 11, 15, 30, AppointmentStatus.NoShow),
                (1, 16, 0, 60, AppointmentStatus.Cancelled),
                (8, 9, 0, 60, AppointmentStatus.Completed),
            })
            {
                db.Appointments.Add(RecordedAppointments.Recorded(patient, sana.Id, treatment, At(day, hour, minute), TimeSpan.FromMinutes(length), status));
            }

            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task BookedHoursAreSetAgainstWorkingHoursLessClosuresAndTimeOff()
    {
        using var admin = await site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/staff/reports?from={From}&to={To}"));
        var csv = await admin.GetStringAsync($"/staff/reports.csv?from={From}&to={To}");

        // 135 of 390 minutes: 34.615... %, one decimal place.
        Assert.Contains($"Utilisation by clinician,{Name},34.6,{From},{To}", csv, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{Name}</th><td>34.6 % (2.3 of 6.5 h)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"utilisation-svg-title\">Utilisation by clinician</title>", html, StringComparison.Ordinal);
        // The closure is everyone's: Dr Ayesha's six days of 7 h less Wednesday.
        Assert.Matches(@"<th scope=""row"">Dr Ayesha Khan</th><td>[\d.]+ % \((?:[^)]*) of 35 h\)</td>", html);

        // A clinician sees their own utilisation only.
        using var clinician = await site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var own = await clinician.GetStringAsync($"/staff/reports.csv?from={From}&to={To}");
        Assert.Contains("Utilisation by clinician,Dr Ayesha Khan,", own, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChartDrawsRatesAgainstAHundredPercentNotAgainstTheLargest()
    {
        using var admin = await site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        var html = await admin.GetStringAsync($"/staff/reports?from={From}&to={To}");

        // The bars have 250 of the drawing's 400 units (the rest is for the figure beside them): 34.6 % is 86.5 units,
        // and no clinician, each under 100 %, gets the whole width.
        var chart = Regex.Match(html, @"<svg[^>]*aria-labelledby=""utilisation-svg-title[\s\S]*?</svg>").Value;
        var widths = Regex.Matches(chart, @"<rect [^>]*width=""([\d.]+)""").Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(86.5m, widths);
        Assert.NotEmpty(widths);
        Assert.All(widths, w => Assert.True(w < 250, $"A bar of {w} units: a rate under 100 % drawn as a full bar."));
    }

    private static DateTime At(int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 3, day, hour, minute, 0, DateTimeKind.Unspecified), Karachi);
}
