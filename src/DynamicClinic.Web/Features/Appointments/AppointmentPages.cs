using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Appointments;

public sealed record HistoryLine(string When, string Who, string What);

/// <summary>One message about the appointment: what, by which channel, when, and how far it got.</summary>
public sealed record MessageLine(string What, string Channel, string When, string State);

public sealed record AppointmentDetailsViewModel(
    int Id,
    string Reference,
    int PatientId,
    string PatientName,
    string PatientPhone,
    string? PatientEmail,
    string TreatmentName,
    int ClinicianId,
    string ClinicianName,
    string WhenLabel,
    DateOnly Date,
    AppointmentStatus Status,
    AppointmentSource Source,
    string? MainConcern,
    string? PatientMessage,
    string? CancellationReason,
    Guid Version,
    int TreatmentId,
    IReadOnlyList<AppointmentStatus> NextStatuses,
    IReadOnlyList<HistoryLine> History)
{
    public CancelForm Cancel { get; init; } = new();

    /// <summary>Why a status change cannot be made now, or null: the status rules, then their timing.</summary>
    public Func<AppointmentStatus, string?> RefusalOf { get; init; } = _ => null;

    public bool CanMove => Status is AppointmentStatus.Booked or AppointmentStatus.Arrived;

    /// <summary>The language the appointment was booked in: its messages go in it.</summary>
    public DynamicClinic.Domain.Patients.PatientLanguage Language { get; init; }

    /// <summary>Messages sent (or waiting) about this appointment, newest first.</summary>
    public IReadOnlyList<MessageLine> Messages { get; init; } = [];

    public string? ConfirmedByPatient { get; init; }

    /// <summary>The invoices made for this appointment (drafted when it is completed), so the desk goes straight to them.</summary>
    public IReadOnlyList<AppointmentInvoice> Invoices { get; init; } = [];
}

/// <summary>An invoice of the appointment: a link and how it stands.</summary>
public sealed record AppointmentInvoice(int Id, string Label);

/// <summary>A one-click action from the calendar, waiting for its confirmation.</summary>
/// <param name="ChangedSinceShown">The appointment changed after the calendar that offered the action was drawn.</param>
public sealed record ConfirmViewModel(AppointmentDetailsViewModel Appointment, AppointmentStatus To, bool ChangedSinceShown, string ReturnTo, CancelForm Cancel);

public sealed record ClinicianOption(int Id, string Name);

public sealed record TreatmentOption(int Id, string Name, int ConsultationMinutes, int SessionMinutes)
{
    /// <summary>The room the treatment needs, if any: free times must leave it free.</summary>
    public int? RoomId { get; init; }
}

public sealed record PatientMatch(int Id, string FullName, string Phone, string? Email);

public sealed record MoveViewModel(
    AppointmentDetailsViewModel Appointment,
    IReadOnlyList<ClinicianOption> Clinicians,
    int ClinicianId,
    DateOnly Date,
    IReadOnlyList<TimeOption> Times,
    MoveForm Form,
    string? Problem);

public sealed record NewAppointmentViewModel(
    NewAppointmentForm Form,
    string? Query,
    IReadOnlyList<PatientMatch> Matches,
    PatientMatch? Patient,
    IReadOnlyList<TreatmentOption> Treatments,
    IReadOnlyList<ClinicianOption> Clinicians,
    int? ClinicianId,
    DateOnly Date,
    IReadOnlyList<TimeOption> Times,
    string? Problem)
{
    /// <summary>Records on file that are the same person as the new patient typed in: reception picks one or confirms a new one.</summary>
    public IReadOnlyList<PatientMatch> SameRecords { get; init; } = [];
}

/// <summary>The read side of reception's appointment pages: projections in a fixed number of queries.</summary>
public sealed class AppointmentPages(ClinicDbContext db, ReceptionScheduling scheduling, PatientSearch search, ClinicClock clock)
{
    public TimeZoneInfo ClinicTimeZone => clock.TimeZone;

    public async Task<AppointmentDetailsViewModel?> DetailsAsync(string reference, CancellationToken cancellationToken)
    {
        var a = await db.Appointments.AsNoTracking()
            .Where(x => x.Reference == reference)
            .Select(x => new
            {
                x.Id,
                x.Reference,
                x.PatientId,
                PatientName = x.Patient!.FullName,
                x.Patient.PhoneE164,
                x.Patient.Email,
                TreatmentName = x.Treatment!.Name,
                x.ClinicianId,
                ClinicianName = x.Clinician!.DisplayName,
                x.StartUtc,
                x.EndUtc,
                x.Status,
                x.Source,
                x.MainConcern,
                x.PatientMessage,
                x.CancellationReason,
                x.Version,
                x.TreatmentId,
                x.PatientConfirmedUtc,
                x.Language,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (a is null)
        {
            return null;
        }

        var history = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == AuditEntityTypes.Appointment && e.EntityId == a.Reference)
            .OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .Take(50)
            .Select(e => new { e.OccurredUtc, e.ActorName, e.Summary })
            .ToListAsync(cancellationToken);

        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.AppointmentId == a.Id)
            .OrderByDescending(m => m.Id)
            .Take(30)
            .Select(m => new { m.Kind, m.Channel, m.CreatedUtc, m.SentUtc, m.FailedUtc, m.DeliveryState, m.DeliveryUpdatedUtc })
            .ToListAsync(cancellationToken);

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.AppointmentId == a.Id && i.Kind == InvoiceKind.Invoice)
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Number, i.Status })
            .ToListAsync(cancellationToken);

        string Stamp(DateTime utc) => clock.ToClinicTime(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        var local = clock.ToClinicTime(a.StartUtc);
        return new AppointmentDetailsViewModel(
            a.Id, a.Reference, a.PatientId, a.PatientName, PatientPhone.Display(a.PhoneE164), a.Email, a.TreatmentName,
            a.ClinicianId, a.ClinicianName,
            $"{local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} to {clock.ToClinicTime(a.EndUtc).ToString("HH:mm", CultureInfo.InvariantCulture)}",
            DateOnly.FromDateTime(local), a.Status, a.Source, a.MainConcern, a.PatientMessage, a.CancellationReason, a.Version, a.TreatmentId,
            AppointmentStatusRules.OfferedNow(a.Status, DateOnly.FromDateTime(local), clock.Today, a.StartUtc <= clock.UtcNow),
            history.Select(h => new HistoryLine(clock.ToClinicTime(h.OccurredUtc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture), h.ActorName, h.Summary)).ToList())
        {
            Language = a.Language,
            RefusalOf = to => AppointmentStatusRules.Refusal(a.Status, to)
                ?? AppointmentStatusRules.TimingRefusal(to, DateOnly.FromDateTime(local), clock.Today, a.StartUtc <= clock.UtcNow),
            Messages = messages.Select(m => new MessageLine(
                MessageKinds.Label(m.Kind), ContactChannels.Label(m.Channel), Stamp(m.SentUtc ?? m.CreatedUtc),
                m.FailedUtc is not null ? "failed" : m.SentUtc is null ? "waiting to send" : DeliveryStates.Label(m.DeliveryState ?? DeliveryStates.Sent)
                    + (m.DeliveryUpdatedUtc is { } at && m.DeliveryState is DeliveryStates.Delivered or DeliveryStates.Read ? $" {Stamp(at)}" : ""))).ToList(),
            ConfirmedByPatient = a.PatientConfirmedUtc is { } confirmed ? Stamp(confirmed) : null,
            Invoices = invoices.Select(i => new AppointmentInvoice(i.Id, i.Status switch
            {
                InvoiceStatus.Draft => "Draft invoice",
                InvoiceStatus.Credited => $"Invoice {i.Number} (cancelled by a credit note)",
                _ => $"Invoice {i.Number}",
            })).ToList(),
        };
    }

    public async Task<MoveViewModel> MoveAsync(AppointmentDetailsViewModel appointment, int? clinicianId, DateOnly? date, MoveForm form, string? problem, CancellationToken cancellationToken)
    {
        var stored = await db.Appointments.AsNoTracking()
            .Where(a => a.Id == appointment.Id)
            .Select(a => new { a.TreatmentId, a.StartUtc, a.EndUtc, a.RoomId })
            .FirstAsync(cancellationToken);
        var clinicians = await CliniciansForAsync(stored.TreatmentId, cancellationToken);
        var chosen = clinicianId is { } id && clinicians.Any(c => c.Id == id) ? id : appointment.ClinicianId;
        var day = date ?? (appointment.Date < scheduling.Today ? scheduling.Today : appointment.Date);
        var slots = await scheduling.FreeSlotsAsync([chosen], day, stored.EndUtc - stored.StartUtc, appointment.Id, stored.RoomId, cancellationToken);
        return new MoveViewModel(appointment, clinicians, chosen, day, Options(slots, clinicians), form, problem);
    }

    public async Task<NewAppointmentViewModel> NewAsync(
        NewAppointmentForm form, string? query, int? clinicianId, DateOnly? date, string? problem, CancellationToken cancellationToken,
        IReadOnlyList<Domain.Patients.Patient>? sameRecords = null)
    {
        var treatments = await db.Treatments.AsNoTracking()
            .Where(t => t.IsActive)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TreatmentOption(t.Id, t.Name, t.ConsultationMinutes, t.SessionMinutes) { RoomId = t.RoomId })
            .ToListAsync(cancellationToken);
        var treatment = treatments.FirstOrDefault(t => t.Id == form.TreatmentId) ?? treatments.FirstOrDefault();
        if (treatment is not null)
        {
            form.TreatmentId = treatment.Id;
        }

        var clinicians = treatment is null ? [] : await CliniciansForAsync(treatment.Id, cancellationToken);
        var chosen = clinicianId is { } id && clinicians.Any(c => c.Id == id) ? id : (int?)null;
        var day = date ?? scheduling.Today;
        var minutes = treatment is null ? 30 : form.Length == nameof(AppointmentLength.Session) ? treatment.SessionMinutes : treatment.ConsultationMinutes;
        var ids = chosen is { } one ? [one] : clinicians.Select(c => c.Id).ToList();
        var slots = day < scheduling.Today ? [] : await scheduling.FreeSlotsAsync(ids, day, TimeSpan.FromMinutes(minutes), null, treatment?.RoomId, cancellationToken);

        PatientMatch? patient = null;
        if (form.PatientId is { } patientId)
        {
            patient = await db.Patients.AsNoTracking()
                .Where(p => p.Id == patientId && p.MergedIntoPatientId == null && p.AnonymisedUtc == null)
                .Select(p => new PatientMatch(p.Id, p.FullName, p.PhoneE164, p.Email))
                .FirstOrDefaultAsync(cancellationToken);
            if (patient is null)
            {
                form.PatientId = null;
            }
        }

        var matches = string.IsNullOrWhiteSpace(query) || patient is not null ? [] : await FindPatientsAsync(query, cancellationToken);
        return new NewAppointmentViewModel(
            form, query, matches.Select(Displayed).ToList(), patient is null ? null : Displayed(patient), treatments, clinicians, chosen, day, Options(slots, clinicians), problem)
        {
            SameRecords = (sameRecords ?? []).Select(p => Displayed(new PatientMatch(p.Id, p.FullName, p.PhoneE164, p.Email))).ToList(),
        };
    }

    public TimeOption Option(Slot slot, IReadOnlyList<ClinicianOption> clinicians)
    {
        var local = clock.ToClinicTime(slot.StartUtc);
        return new TimeOption(
            SlotValue.From(slot).ToString(),
            local.ToString("ddd d MMM", CultureInfo.InvariantCulture),
            local.ToString("HH:mm", CultureInfo.InvariantCulture),
            clinicians.FirstOrDefault(c => c.Id == slot.ClinicianId)?.Name ?? "");
    }

    private List<TimeOption> Options(IReadOnlyList<Slot> slots, IReadOnlyList<ClinicianOption> clinicians) =>
        slots.Select(s => Option(s, clinicians)).ToList();

    private static PatientMatch Displayed(PatientMatch p) => p with { Phone = PatientPhone.Display(p.Phone) };

    private Task<List<ClinicianOption>> CliniciansForAsync(int treatmentId, CancellationToken cancellationToken) =>
        db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive && c.Treatments.Any(t => t.Id == treatmentId))
            .OrderBy(c => c.DisplayName)
            .Select(c => new ClinicianOption(c.Id, c.DisplayName))
            .ToListAsync(cancellationToken);

    /// <summary>Up to ten patients by phone (any format reception types), booking reference, or part of the name.</summary>
    // The Patients page's search (names, any part of a number, emails, references), for records that can be booked.
    private async Task<List<PatientMatch>> FindPatientsAsync(string query, CancellationToken cancellationToken)
    {
        var page = await search.SearchAsync(query, 1, 10, cancellationToken, bookableOnly: true);
        return page.Rows.Select(r => new PatientMatch(r.Id, r.FullName, r.PhoneE164, r.Email)).ToList();
    }
}
