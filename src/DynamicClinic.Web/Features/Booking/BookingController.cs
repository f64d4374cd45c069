using System.Globalization;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Localization;
using DynamicClinic.Web.Infrastructure.Time;
using DynamicClinic.Web.Resources;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>
/// Online booking at <c>/book</c>: treatment and clinician, date and time, details, review, confirm. Each step is
/// a plain GET page or form POST, so the flow works without JavaScript; state travels in the query string
/// until the details, and every step re-checks what it is given.
/// </summary>
[OutputCache(NoStore = true)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class BookingController(
    BookingCatalogue catalogue,
    AvailabilityQuery availability,
    AppointmentBooking booking,
    ClinicClock clock,
    IDataProtectionProvider dataProtection,
    IStringLocalizer<BookingText> text) : Controller
{
    /// <summary>Where the details step's own language switch posts (under the other language's address).</summary>
    public const string SwitchLanguagePath = "/book/details/language";

    private const int DatesPerPage = 10;
    private static readonly TimeSpan AttemptLifetime = TimeSpan.FromHours(2);

    // Dates as the page's language writes them: Urdu day and month names (with Western digits), or English. Urdu's
    // short names are its full names, so Urdu shows the day in full.
    private CultureInfo DateCulture => HttpContext.IsUrdu() ? SiteLanguage.Urdu : CultureInfo.InvariantCulture;

    private string ShortDay => HttpContext.IsUrdu() ? "dddd d MMMM" : "ddd d MMM";

    private ITimeLimitedDataProtector AttemptProtector =>
        dataProtection.CreateProtector("DynamicClinic.Booking.Attempt.v1").ToTimeLimitedDataProtector();

    [HttpGet("/book")]
    public async Task<IActionResult> Start(string? treatment, string? clinician, CancellationToken cancellationToken)
    {
        var treatments = await catalogue.TreatmentsAsync(cancellationToken);
        var chosen = treatments.FirstOrDefault(t => t.Slug == treatment);
        var clinicians = chosen is null ? [] : await catalogue.ProfilesForAsync(chosen.Id, cancellationToken);
        var error = TempData["BookingProblem"] as string
            ?? (treatment is not null && chosen is null ? text["ErrorUnknownTreatment"].Value : null);
        return View(new BookingStartViewModel(treatments, chosen, clinicians, clinician ?? ClinicianChoice.Any, error));
    }

    [HttpGet("/book/time")]
    public async Task<IActionResult> Time(string? treatment, string? clinician, string? date, string? from, CancellationToken cancellationToken)
    {
        var chosen = await catalogue.TreatmentAsync(treatment, cancellationToken);
        if (chosen is null)
        {
            return RedirectToAction(nameof(Start));
        }

        var clinicians = await catalogue.CliniciansForAsync(chosen.Id, cancellationToken);
        var ids = SelectClinicians(clinicians, clinician);
        if (ids is null)
        {
            return View("Start", new BookingStartViewModel(await catalogue.TreatmentsAsync(cancellationToken), chosen, await catalogue.ProfilesForAsync(chosen.Id, cancellationToken), ClinicianChoice.Any,
                text["ErrorChooseClinician"]));
        }

        var clinicianValue = ids.Count == 1 && clinician != ClinicianChoice.Any ? ids[0].ToString(CultureInfo.InvariantCulture) : ClinicianChoice.Any;
        var label = clinicianValue == ClinicianChoice.Any ? text["TimeFirstAvailableClinician"] : clinicians.First(c => c.Id == ids[0]).DisplayName;
        var duration = TimeSpan.FromMinutes(chosen.ConsultationMinutes);
        var today = availability.Today;
        var last = availability.LastBookableDate;

        var pageStart = ParseDate(from) is { } f && f > today && f <= last ? f : today;
        var data = await availability.LoadAsync(ids, pageStart, last, roomId: chosen.RoomId, cancellationToken: cancellationToken);
        var calculator = availability.Calculator;
        var openDates = calculator.FindAvailableDates(data, pageStart, last, duration, availability.UtcNow);

        var selected = ParseDate(date);
        string? error = null;
        List<TimeOption> times = [];
        if (selected is { } day)
        {
            if (day < today || day > last)
            {
                error = text["ErrorChooseDateShown"];
                selected = null;
            }
            else
            {
                var dayData = day >= pageStart ? data : await availability.LoadAsync(ids, day, day, roomId: chosen.RoomId, cancellationToken: cancellationToken);
                times = TimeOptions(calculator.FindSlots(dayData, day, day, duration, availability.UtcNow), clinicians);
                if (times.Count == 0)
                {
                    error = text["ErrorNoTimesLeft"];
                }
            }
        }

        var first = calculator.FindFirstAvailable(data, pageStart, last, duration, availability.UtcNow);
        var dates = openDates.Take(DatesPerPage).Select(d => new DateOption(d, d.ToString(ShortDay, DateCulture), d == selected)).ToList();
        var nextFrom = openDates.Count > DatesPerPage ? openDates[DatesPerPage] : (DateOnly?)null;
        return View(new BookingTimeViewModel(
            chosen, clinicianValue, label, dates, selected,
            selected?.ToString("dddd d MMMM yyyy", DateCulture),
            times,
            first is { } s ? ToOption(s, clinicians) : null,
            nextFrom, error));
    }

    [HttpGet("/book/details")]
    public async Task<IActionResult> Details(string? treatment, string? clinician, string? slot, CancellationToken cancellationToken)
    {
        var form = new PatientDetailsForm { Treatment = treatment ?? "", Clinician = clinician ?? ClinicianChoice.Any, Slot = slot ?? "" };
        var (model, redirect) = await DescribeAsync(form, cancellationToken);
        return redirect ?? View(model);
    }

    [HttpPost("/book/details")]
    [EnableRateLimiting(BookingRateLimits.BookingPolicy)]
    public async Task<IActionResult> Review(PatientDetailsForm form, CancellationToken cancellationToken)
    {
        var (model, redirect) = await DescribeAsync(form, cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        if (!ModelState.IsValid)
        {
            return View("Details", model);
        }

        // A new attempt for each review: a repeat of this confirmation is recognised by it.
        form.Attempt = AttemptProtector.Protect(ManageToken.NewAttemptSecret(), AttemptLifetime);
        return View("Review", model);
    }

    /// <summary>
    /// The details step's own language switch (posted under the other language's address): the same step again with
    /// what the patient typed, not yet checked, so nothing is lost and no message shows for a half-filled form. It books
    /// nothing, so it has its own generous limit: switching a few times never uses up the booking budget.
    /// </summary>
    [HttpPost(SwitchLanguagePath)]
    [EnableRateLimiting(BookingRateLimits.LanguageSwitchPolicy)]
    public async Task<IActionResult> SwitchLanguage(PatientDetailsForm form, CancellationToken cancellationToken)
    {
        var (model, redirect) = await DescribeAsync(form, cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        ModelState.Clear();
        HttpContext.RememberChoice(HttpContext.IsUrdu());
        return View("Details", model);
    }

    /// <summary>Back from review to the details form, with everything the patient typed.</summary>
    [HttpPost("/book/edit")]
    public async Task<IActionResult> Edit(PatientDetailsForm form, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        form.Attempt = null;
        var (model, redirect) = await DescribeAsync(form, cancellationToken);
        return redirect ?? View("Details", model);
    }

    [HttpPost("/book/confirm")]
    [EnableRateLimiting(BookingRateLimits.BookingPolicy)]
    public async Task<IActionResult> Confirm(PatientDetailsForm form, CancellationToken cancellationToken)
    {
        var (described, redirect) = await DescribeAsync(form, cancellationToken);
        if (redirect is not null || described is null || !SlotValue.TryParse(form.Slot, out var slot))
        {
            return redirect ?? RedirectToAction(nameof(Start));
        }

        var model = described;

        if (!ModelState.IsValid)
        {
            return View("Details", model);
        }

        if (!TryReadAttempt(form.Attempt, out var attemptSecret))
        {
            form.Attempt = AttemptProtector.Protect(ManageToken.NewAttemptSecret(), AttemptLifetime);
            return View("Review", model with { Problem = text["ProblemLongOpen"] });
        }

        // A patient who chose "first available" is offered every clinician's nearest times if this one is taken.
        var offering = await catalogue.CliniciansForAsync(model.Treatment.Id, cancellationToken);
        var nearestWith = SelectClinicians(offering, form.Clinician) ?? [slot.ClinicianId];
        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
        var request = new BookingRequest(
            new BookingPatient.Details(form.FullName.Trim(), PatientPhone.Normalise(form.Phone)!, email, JoinSamePerson: true, form.ChosenChannel, form.BornOn),
            slot.ClinicianId, model.Treatment.Id, [slot.StartUtc], TimeSpan.FromMinutes(model.Treatment.ConsultationMinutes),
            AppointmentSource.Online, BookingRules.Online,
            MainConcern: form.MainConcern,
            Message: string.IsNullOrWhiteSpace(form.Message) ? null : form.Message.Trim(),
            AttemptSecret: attemptSecret,
            OfferNearestWith: nearestWith,
            // The language of the pages the patient booked on: their messages come in it.
            Language: PatientLanguages.FromCulture(CultureInfo.CurrentUICulture.Name));

        switch (await booking.BookAsync(request, cancellationToken))
        {
            case Outcome.Done booked:
                TempData["Flash"] = text["FlashBooked"].Value;
                // Url.Content keeps the page's language (/ur) on the confirmation.
                return Redirect(Url.Content("~" + SiteLinks.ManagePath(booked.Reference!, booked.ManageToken!) + "&confirmed=1"));

            case Outcome.Refused { Taken: true } taken:
                // The taken time is no longer the choice: the summary asks for one of the nearest instead.
                form.Attempt = null;
                form.Slot = "";
                return View("Details", model with
                {
                    WhenLabel = "",
                    Alternatives = TimeOptions(taken.Nearest, offering),
                    Problem = taken.Nearest.Count > 0
                        ? text["ProblemTakenNearest"]
                        : text["ProblemTakenNone"],
                });

            case Outcome.Refused refused:
                form.Attempt = null;
                return View("Details", model with { Problem = PatientRefusals.Text(refused, text) });

            default:
                throw new InvalidOperationException("Unknown booking outcome.");
        }
    }

    /// <summary>Turns the form's treatment, clinician and time into a summary; a form that doesn't describe a bookable time goes back a step.</summary>
    private async Task<(BookingDetailsViewModel? Model, IActionResult? Redirect)> DescribeAsync(PatientDetailsForm form, CancellationToken cancellationToken)
    {
        var treatment = await catalogue.TreatmentAsync(form.Treatment, cancellationToken);
        if (treatment is null)
        {
            TempData["BookingProblem"] = text["ErrorTreatmentNotFound"].Value;
            return (null, RedirectToAction(nameof(Start)));
        }

        var clinicians = await catalogue.CliniciansForAsync(treatment.Id, cancellationToken);
        if (!SlotValue.TryParse(form.Slot, out var slot) || clinicians.FirstOrDefault(c => c.Id == slot.ClinicianId) is not { } clinician)
        {
            TempData["BookingProblem"] = text["ErrorChooseTime"].Value;
            return (null, RedirectToAction(nameof(Time), new { treatment = treatment.Slug, clinician = form.Clinician }));
        }

        var start = clock.ToClinicTime(slot.StartUtc);
        var when = text["DateAtTime", start.ToString("dddd d MMMM yyyy", DateCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture)];
        return (new BookingDetailsViewModel(form, treatment, clinician.DisplayName, when, [], null), null);
    }

    private bool TryReadAttempt(string? protectedAttempt, out string secret)
    {
        secret = "";
        if (string.IsNullOrEmpty(protectedAttempt) || protectedAttempt.Length > 1000)
        {
            return false;
        }

        try
        {
            secret = AttemptProtector.Unprotect(protectedAttempt);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static List<int>? SelectClinicians(IReadOnlyList<BookableClinician> offering, string? choice)
    {
        if (offering.Count == 0)
        {
            return null;
        }

        if (string.IsNullOrEmpty(choice) || choice == ClinicianChoice.Any)
        {
            return offering.Select(c => c.Id).ToList();
        }

        return int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && offering.Any(c => c.Id == id) ? [id] : null;
    }

    private static DateOnly? ParseDate(string? value) => ClinicDates.ParseOrNull(value);

    /// <summary>One option per start time; with several clinicians free at once, the first (lowest id) is offered.</summary>
    private List<TimeOption> TimeOptions(IEnumerable<Slot> slots, IReadOnlyList<BookableClinician> clinicians) =>
        slots.GroupBy(s => s.StartUtc).Select(g => ToOption(g.First(), clinicians)).ToList();

    private TimeOption ToOption(Slot slot, IReadOnlyList<BookableClinician> clinicians)
    {
        var local = clock.ToClinicTime(slot.StartUtc);
        var name = clinicians.FirstOrDefault(c => c.Id == slot.ClinicianId)?.DisplayName ?? "";
        return new TimeOption(
            SlotValue.From(slot).ToString(),
            local.ToString(ShortDay, DateCulture),
            local.ToString("HH:mm", CultureInfo.InvariantCulture),
            name);
    }
}
