using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Treatments;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Localization;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using DynamicClinic.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DynamicClinic.Web.Features.Booking;

public sealed record ManageBookingViewModel(
    string Reference,
    string Token,
    string TreatmentName,
    string ClinicianName,
    string WhenLabel,
    AppointmentStatus Status,
    bool CanChange,
    string CutoffLabel,
    bool JustConfirmed,
    string ManageUrl,
    ClinicDetails Clinic,
    bool EmailOnFile = false);

public sealed record RescheduleViewModel(
    string Reference,
    string Token,
    string TreatmentName,
    string ClinicianName,
    string CurrentWhenLabel,
    IReadOnlyList<DateOption> Dates,
    DateOnly? Date,
    IReadOnlyList<TimeOption> Times,
    string? Problem);

/// <summary>
/// The patient's own page for one booking, reached with the secret link from the confirmation. A wrong or
/// missing token gets the ordinary "not found" page, which says nothing about whether the booking exists.
/// </summary>
[OutputCache(NoStore = true)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ManageBookingController(
    ClinicDbContext db,
    AvailabilityQuery availability,
    AppointmentBooking booking,
    AppointmentNotifications notifications,
    ClinicClock clock,
    ClinicSettingsService settings,
    SiteLinks links,
    IStringLocalizer<BookingText> text) : Controller
{
    public static string LinkFor(string reference, string token) => SiteLinks.ManagePath(reference, token);

    [HttpGet("/booking/{reference}")]
    public async Task<IActionResult> Show(string reference, string? token, string? confirmed, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        return View("Manage", new ManageBookingViewModel(
            appointment.Reference, token!, TreatmentCatalogue.CurrentNameFor(appointment.Treatment!.Slug, appointment.Treatment.Name), appointment.Clinician!.DisplayName,
            When(appointment.StartUtc), appointment.Status, CanChange(appointment),
            When(appointment.StartUtc - Cutoff),
            confirmed == "1", links.ManageUrl(appointment.Reference, token!, PageLanguage), settings.Details,
            EmailOnFile: !string.IsNullOrWhiteSpace(appointment.Patient!.Email)));
    }

    /// <summary>"Add to calendar": the same calendar entry as the latest email's (same UID and SEQUENCE).</summary>
    [HttpGet("/booking/{reference}/calendar.ics")]
    public async Task<IActionResult> CalendarFile(string reference, string? token, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        var content = await notifications.CalendarFileAsync(appointment, links.ManageUrl(appointment.Reference, token!), cancellationToken);
        return File(content, "text/calendar; charset=utf-8", $"appointment-{appointment.Reference}.ics");
    }

    /// <summary>The second step of cancelling: a page that asks, so one stray tap cancels nothing.</summary>
    [HttpGet("/booking/{reference}/cancel")]
    public async Task<IActionResult> ConfirmCancel(string reference, string? token, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        if (!CanChange(appointment))
        {
            return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
        }

        return View("CancelConfirm", new ManageBookingViewModel(
            appointment.Reference, token!, TreatmentCatalogue.CurrentNameFor(appointment.Treatment!.Slug, appointment.Treatment.Name), appointment.Clinician!.DisplayName,
            When(appointment.StartUtc), appointment.Status, CanChange(appointment), When(appointment.StartUtc - Cutoff),
            JustConfirmed: false, links.ManageUrl(appointment.Reference, token!), settings.Details));
    }

    [HttpPost("/booking/{reference}/cancel")]
    [EnableRateLimiting(BookingRateLimits.BookingPolicy)]
    public async Task<IActionResult> Cancel(string reference, [FromForm] string? token, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken, tracking: true);
        if (appointment is null)
        {
            return NotFound();
        }

        if (appointment.Status == AppointmentStatus.Cancelled)
        {
            TempData["Flash"] = text["FlashAlreadyCancelled"].Value;
            return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
        }

        if (!CanChange(appointment))
        {
            TempData["Problem"] = text["ProblemTooCloseCancel", settings.Details.Phone].Value;
            return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
        }

        // Only the confirmation step's button cancels; anything else is shown that step.
        if (confirm != "yes")
        {
            return Redirect(Url.Content($"~/booking/{Uri.EscapeDataString(appointment.Reference)}/cancel?token={Uri.EscapeDataString(token!)}"));
        }

        var outcome = await booking.CancelAsync(appointment, "Cancelled by the patient online", byPatient: true, notifyPatient: true, cancellationToken);
        if (outcome is Outcome.Done)
        {
            TempData["Flash"] = string.IsNullOrWhiteSpace(appointment.Patient!.Email)
                ? text["FlashCancelled"].Value
                : text["FlashCancelledEmailed"].Value;
        }
        else
        {
            TempData["Problem"] = outcome is Outcome.Changed ? text["ProblemChangedCancel"].Value : text["ProblemCancelRefused"].Value;
        }

        return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
    }

    [HttpGet("/booking/{reference}/reschedule")]
    public async Task<IActionResult> Reschedule(string reference, string? token, string? date, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        if (!CanChange(appointment))
        {
            return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
        }

        var selected = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        return View(await RescheduleModelAsync(appointment, token!, selected, null, cancellationToken));
    }

    [HttpPost("/booking/{reference}/reschedule")]
    [EnableRateLimiting(BookingRateLimits.BookingPolicy)]
    public async Task<IActionResult> Move(string reference, [FromForm] string? token, [FromForm] string? slot, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken, tracking: true);
        if (appointment is null)
        {
            return NotFound();
        }

        if (!CanChange(appointment))
        {
            TempData["Problem"] = text["ProblemTooCloseMove", settings.Details.Phone].Value;
            return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
        }

        if (!SlotValue.TryParse(slot, out var wanted) || wanted.ClinicianId != appointment.ClinicianId)
        {
            return View("Reschedule", await RescheduleModelAsync(appointment, token!, null, text["ProblemChooseTimeShown"], cancellationToken));
        }

        var newSlot = new Slot(appointment.ClinicianId, wanted.StartUtc, wanted.StartUtc + (appointment.EndUtc - appointment.StartUtc));
        var day = DateOnly.FromDateTime(clock.ToClinicTime(wanted.StartUtc));
        var outcome = await booking.MoveAsync(appointment, newSlot, BookingRules.Online, notifyPatient: true, cancellationToken);
        if (outcome is not Outcome.Done)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(reference, token, cancellationToken);
            var problem = outcome switch
            {
                Outcome.Refused { Taken: true } => text["ProblemMoveTaken"],
                Outcome.Changed => text["ProblemMoveChanged"],
                Outcome.Refused { Check: not null } refused => PatientRefusals.Text(refused, text),
                _ => text["ProblemMoveRefused"],
            };
            return View("Reschedule", await RescheduleModelAsync(fresh!, token!, day, problem, cancellationToken));
        }

        TempData["Flash"] = string.IsNullOrWhiteSpace(appointment.Patient!.Email)
            ? text["FlashMoved"].Value
            : text["FlashMovedEmailed"].Value;
        return Redirect(Url.Content("~" + LinkFor(appointment.Reference, token!)));
    }

    private TimeSpan Cutoff => settings.CancellationCutoff;

    private bool CanChange(Appointment appointment) =>
        appointment.Status == AppointmentStatus.Booked && clock.UtcNow < appointment.StartUtc - Cutoff;

    private async Task<Appointment?> FindAsync(string reference, string? token, CancellationToken cancellationToken, bool tracking = false)
    {
        var normalised = BookingReference.Normalise(reference);
        if (normalised is null || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var query = db.Appointments
            .Include(a => a.Patient).Include(a => a.Treatment).Include(a => a.Clinician).Include(a => a.ManageTokens)
            .AsSplitQuery()
            .Where(a => a.Reference == normalised);
        var appointment = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        // Any of the links sent for this appointment, until it is over; anything else is "not found".
        return appointment is not null && appointment.AcceptsManageToken(token, clock.UtcNow) ? appointment : null;
    }

    private async Task<RescheduleViewModel> RescheduleModelAsync(Appointment appointment, string token, DateOnly? date, string? problem, CancellationToken cancellationToken)
    {
        var length = appointment.EndUtc - appointment.StartUtc;
        var today = availability.Today;
        var last = availability.LastBookableDate;
        var data = await availability.LoadAsync([appointment.ClinicianId], today, last, appointment.Id, appointment.RoomId, cancellationToken);
        var dates = availability.Calculator.FindAvailableDates(data, today, last, length, availability.UtcNow);
        var selected = date is { } d && d >= today && d <= last ? d : (DateOnly?)null;
        IReadOnlyList<TimeOption> times = selected is { } day
            ? availability.Calculator.FindSlots(data, day, day, length, availability.UtcNow)
                .Where(s => s.StartUtc != appointment.StartUtc)
                .Select(s => new TimeOption(SlotValue.From(s).ToString(), "", clock.ToClinicTime(s.StartUtc).ToString("HH:mm", CultureInfo.InvariantCulture), appointment.Clinician!.DisplayName))
                .ToList()
            : [];
        return new RescheduleViewModel(
            appointment.Reference, token, TreatmentCatalogue.CurrentNameFor(appointment.Treatment!.Slug, appointment.Treatment.Name), appointment.Clinician!.DisplayName, When(appointment.StartUtc),
            dates.Take(14).Select(x => new DateOption(x, x.ToString(HttpContext.IsUrdu() ? "dddd d MMMM" : "ddd d MMM", DateCulture), x == selected)).ToList(),
            selected, times, problem);
    }

    private string When(DateTime utc) =>
        text["DateAtTime", clock.ToClinicTime(utc).ToString("dddd d MMMM yyyy", DateCulture), clock.ToClinicTime(utc).ToString("HH:mm", CultureInfo.InvariantCulture)];

    // The page's language: Urdu day and month names (Western digits) on /ur pages.
    private CultureInfo DateCulture => HttpContext.IsUrdu() ? SiteLanguage.Urdu : CultureInfo.InvariantCulture;

    private PatientLanguage PageLanguage => HttpContext.IsUrdu() ? PatientLanguage.Urdu : PatientLanguage.English;
}
