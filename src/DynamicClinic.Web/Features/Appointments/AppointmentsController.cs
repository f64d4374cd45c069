using System.Globalization;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Appointments;

/// <summary>
/// Reception's appointment pages: one appointment with its actions and history, moving it, and phone or walk-in
/// bookings. Front desk only; clinicians read their calendar. Every change goes through <see cref="AppointmentDesk"/>.
/// </summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class AppointmentsController(AppointmentDesk desk, AppointmentPages pages) : StaffControllerBase
{
    public static string LinkFor(string reference) => "/staff/appointments/" + Uri.EscapeDataString(reference);

    [HttpGet("/staff/appointments/{reference}")]
    public async Task<IActionResult> Details(string reference, CancellationToken cancellationToken)
    {
        var model = await pages.DetailsAsync(reference, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/appointments/{reference}/status")]
    public async Task<IActionResult> Status(string reference, StatusForm form, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<AppointmentStatus>(form.Status, out var to) || !Enum.IsDefined(to))
        {
            TempData["Problem"] = "Choose a status.";
            return Redirect(LinkFor(reference));
        }

        return Outcome(reference, await desk.ChangeStatusAsync(reference, to, form.Version, cancellationToken), form.ReturnTo);
    }

    /// <summary>
    /// The calendar's one-click actions land here: the appointment as it stands and one button to confirm (or, to cancel,
    /// the short list of reasons). <paramref name="v"/> is the start of the version the calendar showed: if the appointment
    /// changed since, reception is told before confirming.
    /// </summary>
    [HttpGet("/staff/appointments/{reference}/confirm")]
    public async Task<IActionResult> Confirm(string reference, string? to, string? v, CancellationToken cancellationToken)
    {
        var model = await pages.DetailsAsync(reference, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (!Enum.TryParse<AppointmentStatus>(to, out var status) || !Enum.IsDefined(status))
        {
            return Redirect(LinkFor(reference));
        }

        var changed = !string.IsNullOrEmpty(v) && !model.Version.ToString("N").StartsWith(v, StringComparison.OrdinalIgnoreCase);
        return View(new ConfirmViewModel(model, status, changed, CalendarLink(model.Date), new CancelForm { Version = model.Version, EmailPatient = model.PatientEmail is not null }));
    }

    [HttpPost("/staff/appointments/{reference}/cancel")]
    public async Task<IActionResult> Cancel(string reference, CancelForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            var model = await pages.DetailsAsync(reference, cancellationToken);
            if (model is null)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return SafeReturn(form.ReturnTo) is { } back
                ? View("Confirm", new ConfirmViewModel(model, AppointmentStatus.Cancelled, false, back, form))
                : View("Details", model with { Cancel = form });
        }

        return Outcome(reference, await desk.CancelAsync(reference, form.FullReason, form.EmailPatient, form.Version, cancellationToken), form.ReturnTo);
    }

    [HttpGet("/staff/appointments/{reference}/move")]
    public async Task<IActionResult> Move(string reference, int? clinician, string? date, CancellationToken cancellationToken)
    {
        var appointment = await pages.DetailsAsync(reference, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        if (!appointment.CanMove)
        {
            TempData["Problem"] = $"The appointment is {AppointmentStatusRules.Describe(appointment.Status)}, so it cannot be moved.";
            return Redirect(LinkFor(reference));
        }

        var form = new MoveForm { Version = appointment.Version, EmailPatient = appointment.PatientEmail is not null };
        return View(await pages.MoveAsync(appointment, clinician, ParseDate(date), form, null, cancellationToken));
    }

    [HttpPost("/staff/appointments/{reference}/move")]
    public async Task<IActionResult> Move(string reference, MoveForm form, CancellationToken cancellationToken)
    {
        var appointment = await pages.DetailsAsync(reference, cancellationToken);
        if (appointment is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid || !SlotValue.TryParse(form.Slot, out var wanted))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await pages.MoveAsync(appointment, null, null, form, null, cancellationToken));
        }

        var outcome = await desk.MoveAsync(reference, wanted, form.EmailPatient, form.Version, cancellationToken);
        if (outcome is Outcome.Refused refused)
        {
            var problem = refused.Taken ? refused.Message + " Choose another time." : refused.Message;
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(wanted.StartUtc, pages.ClinicTimeZone));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(await pages.MoveAsync(appointment, wanted.ClinicianId, day, form, problem, cancellationToken));
        }

        return Outcome(reference, outcome);
    }

    [HttpGet("/staff/appointments/new")]
    public async Task<IActionResult> New(int? patient, string? q, int? treatment, int? clinician, string? date, string? start, string? length, string? source, CancellationToken cancellationToken)
    {
        var form = new NewAppointmentForm
        {
            PatientId = patient,
            TreatmentId = treatment ?? 0,
            Length = length == nameof(AppointmentLength.Session) ? nameof(AppointmentLength.Session) : nameof(AppointmentLength.Consultation),
            Source = source == nameof(AppointmentSource.WalkIn) ? nameof(AppointmentSource.WalkIn) : nameof(AppointmentSource.Phone),
        };

        // From the calendar's free time: "2026-12-01T10:30" in clinic time, with its clinician.
        var day = ParseDate(date);
        if (DateTime.TryParseExact(start, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var localStart)
            && ClinicDates.IsSane(localStart) && clinician is { } c)
        {
            day = DateOnly.FromDateTime(localStart);
            var utc = TimeZoneInfo.ConvertTimeToUtc(localStart, pages.ClinicTimeZone);
            form.Slot = new SlotValue(c, utc).ToString();
        }

        form.Date = day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        return View(await pages.NewAsync(form, q, clinician, day, null, cancellationToken));
    }

    [HttpPost("/staff/appointments/new")]
    public async Task<IActionResult> New([FromForm] NewAppointmentForm form, [FromForm] int? clinician, CancellationToken cancellationToken)
    {
        var day = ParseDate(form.Date);
        if (!ModelState.IsValid || !SlotValue.TryParse(form.Slot, out var slot))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await pages.NewAsync(form, null, clinician, day, null, cancellationToken));
        }

        var request = new DeskBookingRequest(
            form.PatientId,
            form.PatientId is null ? form.FullName.Trim() : null,
            form.PatientId is null ? PatientPhone.Normalise(form.Phone) : null,
            form.PatientId is null && !string.IsNullOrWhiteSpace(form.Email) ? form.Email.Trim() : null,
            form.TreatmentId,
            Enum.Parse<AppointmentLength>(form.Length),
            slot,
            Enum.Parse<AppointmentSource>(form.Source),
            string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim(),
            form.NewPatientConfirmed,
            Enum.Parse<PatientLanguage>(form.Language));

        // A new record that is the same person as one on file: ask first, showing the records to choose from.
        if (request.PatientId is null && !form.NewPatientConfirmed)
        {
            var same = await desk.SamePersonAsync(request.FullName!, request.PhoneE164!, request.Email, cancellationToken);
            if (same.Count > 0)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(await pages.NewAsync(form, null, clinician, day, null, cancellationToken, sameRecords: same));
            }
        }

        switch (await desk.BookAsync(request, cancellationToken))
        {
            case Outcome.Done done:
                TempData["Flash"] = $"Booked: {done.Reference}.";
                return Redirect(LinkFor(done.Reference!));
            case Outcome.Refused { Taken: true } taken:
                Response.StatusCode = StatusCodes.Status409Conflict;
                form.Slot = "";
                return View(await pages.NewAsync(form, null, clinician, day, taken.Message + " Choose another time.", cancellationToken));
            case Outcome.Refused refused:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(await pages.NewAsync(form, null, clinician, day, refused.Message, cancellationToken));
            default:
                return NotFound();
        }
    }

    /// <summary>A page of the calendar to go back to, or null: only the calendar's own pages, never another site.</summary>
    public static string? SafeReturn(string? returnTo) =>
        returnTo is { Length: > 0 } r && r.StartsWith("/staff/calendar", StringComparison.Ordinal) && !r.Contains("//", StringComparison.Ordinal) && !r.Contains('\\', StringComparison.Ordinal)
            ? r
            : null;

    private static string CalendarLink(DateOnly date) => "/staff/calendar?date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Done from the calendar goes back to the calendar; anything refused or changed meanwhile shows the appointment as it stands.
    private IActionResult Outcome(string reference, Outcome outcome, string? returnTo = null)
    {
        switch (outcome)
        {
            case Features.Outcome.Done done:
                TempData["Flash"] = done.Message;
                if (SafeReturn(returnTo) is { } back)
                {
                    return Redirect(back);
                }

                break;
            case Features.Outcome.Changed or Features.Outcome.Refused:
                TempData["Problem"] = outcome.MessageOr("");
                break;
            default:
                return NotFound();
        }

        return Redirect(LinkFor(reference));
    }

    private static DateOnly? ParseDate(string? date) => ClinicDates.ParseOrNull(date);
}
