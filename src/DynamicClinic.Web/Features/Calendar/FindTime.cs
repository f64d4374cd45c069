using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Appointments;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Calendar;

/// <summary>What reception asks for on the phone: a treatment, any or some clinicians, a part of the day, from a date.</summary>
public sealed class FindTimeForm
{
    public int? Treatment { get; set; }

    public string Length { get; set; } = nameof(AppointmentLength.Consultation);

    public List<int> Clinician { get; set; } = [];

    public DayPart Part { get; set; }

    public string? From { get; set; }

    /// <summary>The patient reception is booking for, carried through to the booking form.</summary>
    public int? Patient { get; set; }
}

/// <param name="BookHref">The desk booking form with treatment, length, clinician, time and patient filled in.</param>
public sealed record FoundTime(string Day, string Time, string ClinicianName, string BookHref);

public sealed record FindTimeViewModel(
    FindTimeForm Form, DateOnly From, IReadOnlyList<TreatmentOption> Treatments, IReadOnlyList<ClinicianOption> Clinicians,
    IReadOnlyList<FoundTime>? Found, int SearchedDays);

/// <summary>
/// Find a time: the next free times across days for a treatment with any (or some) of its clinicians, in a part of the
/// day, first <see cref="Count"/>. Free means what reception's booking form offers (<see cref="ReceptionScheduling"/>, the
/// same rules the booking core checks again on booking); this only filters and orders.
/// </summary>
public sealed class FindTime(ClinicDbContext db, ReceptionScheduling scheduling, ClinicClock clock)
{
    public const int Count = 10;

    /// <summary>Days looked at per load, and how far ahead at most (two months covers any "next free" a patient waits for).</summary>
    private const int ChunkDays = 14;
    private const int MaxDays = 63;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public DateOnly Today => clock.Today;

    public async Task<FindTimeViewModel> FindAsync(FindTimeForm form, bool search, CancellationToken cancellationToken)
    {
        var treatments = await db.Treatments.AsNoTracking()
            .Where(t => t.IsActive)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TreatmentOption(t.Id, t.Name, t.ConsultationMinutes, t.SessionMinutes) { RoomId = t.RoomId })
            .ToListAsync(cancellationToken);
        var treatment = treatments.FirstOrDefault(t => t.Id == form.Treatment) ?? treatments.FirstOrDefault();
        form.Treatment = treatment?.Id;
        form.Length = form.Length == nameof(AppointmentLength.Session) ? nameof(AppointmentLength.Session) : nameof(AppointmentLength.Consultation);
        var from = ClinicDates.ParseOrNull(form.From) is { } d && d > clock.Today ? d : clock.Today;
        form.From = from.ToString("yyyy-MM-dd", Inv);

        var clinicians = treatment is null
            ? []
            : await db.Clinicians.AsNoTracking()
                .Where(c => c.IsActive && c.Treatments.Any(t => t.Id == treatment.Id))
                .OrderBy(c => c.DisplayName)
                .Select(c => new ClinicianOption(c.Id, c.DisplayName))
                .ToListAsync(cancellationToken);
        form.Clinician = form.Clinician.Where(id => clinicians.Any(c => c.Id == id)).Distinct().ToList();
        if (!search || treatment is null)
        {
            return new FindTimeViewModel(form, from, treatments, clinicians, null, 0);
        }

        var ids = form.Clinician.Count > 0 ? form.Clinician : clinicians.Select(c => c.Id).ToList();
        var length = TimeSpan.FromMinutes(form.Length == nameof(AppointmentLength.Session) ? treatment.SessionMinutes : treatment.ConsultationMinutes);
        var found = new List<Slot>();
        var days = 0;
        for (var start = from; found.Count < Count && days < MaxDays; start = start.AddDays(ChunkDays), days += ChunkDays)
        {
            var slots = await scheduling.FreeSlotsAsync(ids, start, start.AddDays(ChunkDays - 1), length, treatment.RoomId, cancellationToken);
            found.AddRange(slots.Where(s => form.Part.Holds(TimeOnly.FromDateTime(clock.ToClinicTime(s.StartUtc)))).Take(Count - found.Count));
        }

        var names = clinicians.ToDictionary(c => c.Id, c => c.Name);
        var times = found.Select(s =>
        {
            var local = clock.ToClinicTime(s.StartUtc);
            var href = $"/staff/appointments/new?treatment={treatment.Id.ToString(Inv)}&length={form.Length}&clinician={s.ClinicianId.ToString(Inv)}&start={local.ToString("yyyy-MM-dd'T'HH:mm", Inv)}"
                + (form.Patient is { } p ? "&patient=" + p.ToString(Inv) : "");
            return new FoundTime(local.ToString("ddd d MMM", Inv), local.ToString("HH:mm", Inv), names.GetValueOrDefault(s.ClinicianId, ""), href);
        }).ToList();
        return new FindTimeViewModel(form, from, treatments, clinicians, times, days);
    }
}
