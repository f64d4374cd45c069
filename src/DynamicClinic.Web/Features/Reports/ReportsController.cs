using System.Globalization;
using System.Security.Claims;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Reports;

/// <summary>
/// The owner's reports. Whoever sees the money (<see cref="MoneyAccess"/>) sees the clinic's figures; a clinician sees
/// their own; anyone else none (403).
/// </summary>
public sealed class ReportsController(OwnerReports reports, MoneyAccess money, ClinicClock clock) : StaffControllerBase
{
    [HttpGet("/staff/reports")]
    public async Task<IActionResult> Index(string? from, string? to, CancellationToken cancellationToken)
    {
        var page = await PageAsync(from, to, cancellationToken);
        return page is null ? Forbid() : View(page);
    }

    [HttpGet("/staff/reports.csv")]
    public async Task<IActionResult> Csv(string? from, string? to, CancellationToken cancellationToken)
    {
        var page = await PageAsync(from, to, cancellationToken);
        return page is null
            ? Forbid()
            : File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(OwnerReports.Csv(page))).ToArray(), "text/csv; charset=utf-8",
                $"reports-{page.From:yyyy-MM-dd}-to-{page.To:yyyy-MM-dd}.csv");
    }

    private async Task<ReportsPage?> PageAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        int? only = null;
        if (!await money.SeesMoneyAsync(User, cancellationToken))
        {
            if (!User.IsInRole(StaffRoles.Clinician) || await reports.ClinicianOfAsync(User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken) is not { } mine)
            {
                return null;
            }

            only = mine;
        }

        var end = Parse(to) ?? clock.Today;
        var start = Parse(from) ?? new DateOnly(end.Year, end.Month, 1);
        if (start > end)
        {
            (start, end) = (end, start);
        }

        // A year at most: the reports answer quickly over a year of data; longer periods are exported a year at a time.
        if (end.DayNumber - start.DayNumber > 366)
        {
            start = end.AddDays(-366);
        }

        return await reports.ForAsync(start, end, only, cancellationToken);
    }

    private static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is > 2000 and < 2200 ? day : null;
}
