using System.Globalization;
using System.Text;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>The day's takings, the drawer's close and the accountant's exports: admins and front desk leads.</summary>
[Authorize(Policy = Policies.Money)]
public sealed class TakingsController(Takings takings, ClinicClock clock) : StaffControllerBase
{
    [HttpGet("/staff/billing/takings")]
    public async Task<IActionResult> Day(string? day, CancellationToken cancellationToken) =>
        View("Takings", await takings.DayAsync(Parse(day) ?? clock.Today, cancellationToken));

    [HttpPost("/staff/billing/takings/{day}/close")]
    public async Task<IActionResult> Close(string day, DrawerForm form, CancellationToken cancellationToken)
    {
        if (Parse(day) is not { } date)
        {
            return NotFound();
        }

        var outcome = await takings.CloseDrawerAsync(date, form, cancellationToken);
        if (outcome is Outcome.Refused refused)
        {
            ModelState.AddModelError(refused.Field ?? "Counted", refused.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Takings", await takings.DayAsync(date, cancellationToken) with { Form = form });
        }

        TempData["Flash"] = outcome.MessageOr("");
        return Redirect("/staff/billing/takings?day=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [HttpGet("/staff/billing/export/invoices.csv")]
    public async Task<IActionResult> Invoices(string? from, string? to, CancellationToken cancellationToken)
    {
        var (start, end) = Period(from, to);
        return Csv(await takings.InvoicesCsvAsync(start, end, cancellationToken), $"invoices-{start:yyyy-MM-dd}-to-{end:yyyy-MM-dd}.csv");
    }

    [HttpGet("/staff/billing/export/payments.csv")]
    public async Task<IActionResult> Payments(string? from, string? to, CancellationToken cancellationToken)
    {
        var (start, end) = Period(from, to);
        return Csv(await takings.PaymentsCsvAsync(start, end, cancellationToken), $"payments-{start:yyyy-MM-dd}-to-{end:yyyy-MM-dd}.csv");
    }

    private (DateOnly From, DateOnly To) Period(string? from, string? to)
    {
        var end = Parse(to) ?? clock.Today;
        var start = Parse(from) ?? new DateOnly(end.Year, end.Month, 1);
        return start > end ? (end, start) : (start, end);
    }

    private FileContentResult Csv(string csv, string name) =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);

    private static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is > 2000 and < 2200 ? day : null;
}
