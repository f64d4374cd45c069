using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Notes;

public sealed record TodayAppointment(
    string Reference,
    string Time,
    string PatientName,
    string TreatmentName,
    AppointmentStatus Status,
    string? SessionLabel,
    NoteStatus? NoteStatus,
    bool CanHaveNote)
{
    /// <summary>The patient's record (their chart, for the clinician who treats them).</summary>
    public int PatientId { get; init; }
}

public sealed record NoteToSign(string Reference, string When, string PatientName, string TreatmentName, NoteStatus? NoteStatus);

public sealed record TodayViewModel(string ClinicianName, DateOnly Date, IReadOnlyList<TodayAppointment> Appointments, IReadOnlyList<NoteToSign> ToSign);

/// <summary>
/// A clinician's day: their appointments today (clinic time) with plan progress and note state, and the notes
/// they still have to sign. Three queries whatever the day holds. No clinical text: states only.
/// </summary>
public sealed class TodayQuery(ClinicDbContext db, ClinicClock clock)
{
    public const int ToSignDays = 30;

    /// <summary>Null when the staff account is not linked to a clinician.</summary>
    public async Task<TodayViewModel?> ForAsync(string staffUserId, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking()
            .Where(c => c.StaffUserId == staffUserId)
            .Select(c => new { c.Id, c.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (clinician is null)
        {
            return null;
        }

        var today = clock.Today;
        var dayStart = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var dayEnd = TimeZoneInfo.ConvertTimeToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var since = TimeZoneInfo.ConvertTimeToUtc(today.AddDays(-ToSignDays).ToDateTime(TimeOnly.MinValue), clock.TimeZone);

        var day = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinician.Id && a.StartUtc >= dayStart && a.StartUtc < dayEnd && a.Status != AppointmentStatus.Cancelled)
            .OrderBy(a => a.StartUtc)
            .Select(a => new
            {
                a.Reference,
                a.StartUtc,
                a.PatientId,
                PatientName = a.Patient!.FullName,
                TreatmentName = a.Treatment!.Name,
                a.Status,
                a.SessionNumber,
                TotalSessions = db.SessionPlans.Where(p => p.Id == a.SessionPlanId).Select(p => (int?)p.TotalSessions).FirstOrDefault(),
                NoteStatus = db.SessionNotes.Where(n => n.AppointmentId == a.Id).Select(n => (NoteStatus?)n.Status).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // Drafts by this clinician, and their seen patients of the last 30 days without a signed note.
        var toSign = await db.Appointments.AsNoTracking()
            .Where(a =>
                db.SessionNotes.Any(n => n.AppointmentId == a.Id && n.Status == NoteStatus.Draft && n.AuthorUserId == staffUserId)
                || (a.ClinicianId == clinician.Id
                    && (a.Status == AppointmentStatus.Arrived || a.Status == AppointmentStatus.Completed)
                    && a.StartUtc >= since && a.StartUtc < dayEnd
                    && !db.SessionNotes.Any(n => n.AppointmentId == a.Id && n.Status == NoteStatus.Signed)))
            .OrderBy(a => a.StartUtc)
            .Select(a => new
            {
                a.Reference,
                a.StartUtc,
                PatientName = a.Patient!.FullName,
                TreatmentName = a.Treatment!.Name,
                NoteStatus = db.SessionNotes.Where(n => n.AppointmentId == a.Id).Select(n => (NoteStatus?)n.Status).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        return new TodayViewModel(
            clinician.DisplayName,
            today,
            day.Select(a => new TodayAppointment(
                a.Reference,
                clock.ToClinicTime(a.StartUtc).ToString("HH:mm", CultureInfo.InvariantCulture),
                a.PatientName,
                a.TreatmentName,
                a.Status,
                NoteDesk.SessionLabel(a.SessionNumber, a.TotalSessions),
                a.NoteStatus,
                a.NoteStatus is not null || NoteDesk.WhyNotWritable(a.Status) is null)
            { PatientId = a.PatientId }).ToList(),
            toSign.Select(a => new NoteToSign(
                a.Reference,
                clock.ToClinicTime(a.StartUtc).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture),
                a.PatientName,
                a.TreatmentName,
                a.NoteStatus)).ToList());
    }
}
