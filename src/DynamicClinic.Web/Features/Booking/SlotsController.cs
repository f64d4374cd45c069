using System.Globalization;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace DynamicClinic.Web.Features.Booking;

public sealed record SlotJson(string Slot, int ClinicianId, string ClinicianName, DateTimeOffset Start, DateTimeOffset End);

public sealed record SlotsResponse(string Treatment, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<SlotJson> Slots);

/// <summary>
/// <c>GET /book/slots?treatment=&amp;clinician=&amp;from=&amp;to=</c>: the free times the booking page offers, as JSON
/// with clinic-time offsets. Bad parameters give 400 with a problem body that says which and why.
/// </summary>
[ApiController]
[OutputCache(NoStore = true)]
public sealed class SlotsController(BookingCatalogue catalogue, AvailabilityQuery availability, Infrastructure.Time.ClinicClock clock) : ControllerBase
{
    public const int MaxDays = 31;

    [HttpGet("/book/slots")]
    [EnableRateLimiting(BookingRateLimits.SlotsPolicy)]
    public async Task<ActionResult<SlotsResponse>> Get(string? treatment, string? clinician, string? from, string? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var chosen = await catalogue.TreatmentAsync(treatment, cancellationToken);
        if (chosen is null)
        {
            errors["treatment"] = ["Give the slug of an active treatment, e.g. treatment=mesotherapy."];
        }

        var fromDate = ParseDate(from, "from", errors) ?? availability.Today;
        var toDate = ParseDate(to, "to", errors) ?? fromDate.AddDays(6);
        if (toDate < fromDate)
        {
            errors["to"] = ["'to' must be on or after 'from'."];
        }
        else if (toDate.DayNumber - fromDate.DayNumber >= MaxDays)
        {
            errors["to"] = [$"Ask for at most {MaxDays} days at a time."];
        }

        IReadOnlyList<BookableClinician> clinicians = chosen is null ? [] : await catalogue.CliniciansForAsync(chosen.Id, cancellationToken);
        List<int> ids = [.. clinicians.Select(c => c.Id)];
        if (!string.IsNullOrEmpty(clinician) && clinician != ClinicianChoice.Any)
        {
            if (int.TryParse(clinician, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ids.Contains(id))
            {
                ids = [id];
            }
            else if (chosen is not null)
            {
                errors["clinician"] = ["Give 'any' or the id of a clinician who offers this treatment."];
            }
        }

        if (errors.Count > 0)
        {
            return ValidationProblem(new ValidationProblemDetails(errors) { Title = "Some parameters are not valid." });
        }

        // Outside today..horizon there is nothing to offer; clamp instead of loading empty days.
        var start = fromDate < availability.Today ? availability.Today : fromDate;
        var end = toDate > availability.LastBookableDate ? availability.LastBookableDate : toDate;
        var slots = new List<SlotJson>();
        if (start <= end && ids.Count > 0)
        {
            var data = await availability.LoadAsync(ids, start, end, roomId: chosen!.RoomId, cancellationToken: cancellationToken);
            var names = clinicians.ToDictionary(c => c.Id, c => c.DisplayName);
            foreach (var slot in availability.Calculator.FindSlots(data, start, end, TimeSpan.FromMinutes(chosen!.ConsultationMinutes), availability.UtcNow))
            {
                slots.Add(new SlotJson(SlotValue.From(slot).ToString(), slot.ClinicianId, names[slot.ClinicianId],
                    clock.ToClinicOffset(slot.StartUtc), clock.ToClinicOffset(slot.EndUtc)));
            }
        }

        return new SlotsResponse(chosen!.Slug, clock.TimeZone.Id, fromDate, toDate, slots);
    }

    private static DateOnly? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (ClinicDates.TryParse(value, out var date))
        {
            return date;
        }

        errors[name] = [$"'{name}' must be a date like 2026-12-01."];
        return null;
    }
}
