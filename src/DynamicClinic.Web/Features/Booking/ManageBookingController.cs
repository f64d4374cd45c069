using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

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
    ClinicDetails Clinic);

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
    BookingService booking,
    BookingNotifications notifications,
    ClinicClock clock,
    AuditTrail audit,
    ClinicSettingsService settings,
    ILogger<ManageBookingController> logger) : Controller
{
    public static string LinkFor(string reference, string token) =>
        $"/booking/{Uri.EscapeDataString(reference)}?token={Uri.EscapeDataString(token)}";

    [HttpGet("/booking/{reference}")]
    public async Task<IActionResult> Show(string reference, string? token, string? confirmed, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        return View("Manage", new ManageBookingViewModel(
            appointment.Reference, token!, appointment.Treatment!.Name, appointment.Clinician!.DisplayName,
            When(appointment.StartUtc), appointment.Status, CanChange(appointment),
            When(appointment.StartUtc - Cutoff),
            confirmed == "1", new Uri(SiteRoot(), LinkFor(appointment.Reference, token!)).AbsoluteUri, settings.Details));
    }

    [HttpPost("/booking/{reference}/cancel")]
    [EnableRateLimiting(BookingRateLimits.BookingPolicy)]
    public async Task<IActionResult> Cancel(string reference, [FromForm] string? token, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, token, cancellationToken, tracking: true);
        if (appointment is null)
        {
            return NotFound();
        }

        if (appointment.Status == AppointmentStatus.Cancelled)
        {
            TempData["Flash"] = "This booking was already cancelled.";
            return Redirect(LinkFor(appointment.Reference, token!));
        }

        if (!CanChange(appointment))
        {
            TempData["Problem"] = $"It's too close to the appointment to cancel online. Please call the clinic on {settings.Details.Phone}.";
            return Redirect(LinkFor(appointment.Reference, token!));
        }

        // Cancelled appointments give their time back in the same transaction.
        await db.ClinicianTimeBlocks.Where(b => b.AppointmentId == appointment.Id).LoadAsync(cancellationToken);
        var previousStatus = appointment.Status;
        if (appointment.ChangeStatus(AppointmentStatus.Cancelled, clock.UtcNow, "Cancelled by the patient online") is { } refusal)
        {
            TempData["Problem"] = refusal;
            return Redirect(LinkFor(appointment.Reference, token!));
        }

        audit.Record(
            AuditActions.AppointmentCancelled,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            appointment.PatientId,
            $"Patient cancelled {appointment.Reference} online",
            new { Status = previousStatus.ToString() },
            new { Status = appointment.Status.ToString(), appointment.CancellationReason });
        notifications.QueueCancelled(appointment, NamesOf(appointment));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Problem"] = "This booking was changed a moment ago. Here is how it stands now.";
            return Redirect(LinkFor(appointment.Reference, token!));
        }

        notifications.WakeSender();
        logger.LogInformation("Appointment {AppointmentId} cancelled by the patient", appointment.Id);
        TempData["Flash"] = "Your appointment is cancelled. We've emailed you to confirm.";
        return Redirect(LinkFor(appointment.Reference, token!));
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
            return Redirect(LinkFor(appointment.Reference, token!));
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
            TempData["Problem"] = $"It's too close to the appointment to change it online. Please call the clinic on {settings.Details.Phone}.";
            return Redirect(LinkFor(appointment.Reference, token!));
        }

        if (!SlotValue.TryParse(slot, out var wanted) || wanted.ClinicianId != appointment.ClinicianId)
        {
            return View("Reschedule", await RescheduleModelAsync(appointment, token!, null, "Please choose one of the times shown.", cancellationToken));
        }

        var length = appointment.EndUtc - appointment.StartUtc;
        var newSlot = new Slot(appointment.ClinicianId, wanted.StartUtc, wanted.StartUtc + length);
        var check = await booking.CheckAsync(newSlot, appointment.Id, cancellationToken);
        var day = DateOnly.FromDateTime(clock.ToClinicTime(wanted.StartUtc));
        if (check != SlotCheckResult.Ok)
        {
            return View("Reschedule", await RescheduleModelAsync(appointment, token!, day, BookingService.Explain(check), cancellationToken));
        }

        // Take the new time before giving up the old one: both happen in one transaction, so a failure
        // (someone else took the new time) leaves the patient with the appointment they had.
        var previousStart = appointment.StartUtc;
        await db.ClinicianTimeBlocks.Where(b => b.AppointmentId == appointment.Id).LoadAsync(cancellationToken);
        appointment.MoveTo(appointment.ClinicianId, newSlot.StartUtc, newSlot.EndUtc, booking.Buffer, clock.UtcNow);
        audit.Record(
            AuditActions.AppointmentMoved,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            appointment.PatientId,
            $"Patient moved {appointment.Reference} online",
            new { StartUtc = previousStart },
            new { appointment.StartUtc });
        notifications.QueueRescheduled(appointment, NamesOf(appointment), new Uri(SiteRoot(), LinkFor(appointment.Reference, token!)).AbsoluteUri, previousStart);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateConcurrencyException || (exception is DbUpdateException update && DbErrors.IsUniqueViolation(update)))
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(reference, token, cancellationToken);
            return View("Reschedule", await RescheduleModelAsync(fresh!, token!, day, "Sorry, that time was just taken. Your appointment has not changed; please choose another time.", cancellationToken));
        }

        notifications.WakeSender();
        logger.LogInformation("Appointment {AppointmentId} moved by the patient", appointment.Id);
        TempData["Flash"] = "Your appointment has been moved. We've emailed you the new time.";
        return Redirect(LinkFor(appointment.Reference, token!));
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

        var query = db.Appointments.Include(a => a.Patient).Include(a => a.Treatment).Include(a => a.Clinician).Where(a => a.Reference == normalised);
        var appointment = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return appointment is not null && ManageToken.Matches(token, appointment.ManageTokenHash) ? appointment : null;
    }

    private async Task<RescheduleViewModel> RescheduleModelAsync(Appointment appointment, string token, DateOnly? date, string? problem, CancellationToken cancellationToken)
    {
        var length = appointment.EndUtc - appointment.StartUtc;
        var today = availability.Today;
        var last = availability.LastBookableDate;
        var data = await availability.LoadAsync([appointment.ClinicianId], today, last, appointment.Id, cancellationToken);
        var dates = availability.Calculator.FindAvailableDates(data, today, last, length, availability.UtcNow);
        var selected = date is { } d && d >= today && d <= last ? d : (DateOnly?)null;
        IReadOnlyList<TimeOption> times = selected is { } day
            ? availability.Calculator.FindSlots(data, day, day, length, availability.UtcNow)
                .Where(s => s.StartUtc != appointment.StartUtc)
                .Select(s => new TimeOption(SlotValue.From(s).ToString(), "", clock.ToClinicTime(s.StartUtc).ToString("HH:mm", CultureInfo.InvariantCulture), appointment.Clinician!.DisplayName))
                .ToList()
            : [];
        return new RescheduleViewModel(
            appointment.Reference, token, appointment.Treatment!.Name, appointment.Clinician!.DisplayName, When(appointment.StartUtc),
            dates.Take(14).Select(x => new DateOption(x, x.ToString("ddd d MMM", CultureInfo.InvariantCulture), x == selected)).ToList(),
            selected, times, problem);
    }

    private static BookingNotifications.Names NamesOf(Appointment appointment) =>
        new(appointment.Patient!.FullName, appointment.Patient.Email, appointment.Treatment!.Name, appointment.Clinician!.DisplayName);

    private string When(DateTime utc) =>
        clock.ToClinicTime(utc).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    private Uri SiteRoot() => new($"{Request.Scheme}://{Request.Host}{Request.PathBase}/");
}
