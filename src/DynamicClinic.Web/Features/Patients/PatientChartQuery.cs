using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

public sealed record ChartField(string Label, string Value);

public sealed record ChartAmendment(string Who, string When, string Reason);

/// <summary>One signed note as the chart lists it: the note as it stands now (amendments applied) and each amendment.</summary>
public sealed record ChartNote(
    string Reference, string When, string TreatmentName, string ClinicianName, string Kind, string AuthorName, string SignedWhen,
    IReadOnlyList<ChartField> Fields, IReadOnlyList<ChartAmendment> Amendments);

/// <summary>The clinical part of a record, shown only to those <see cref="PatientChartAccess"/> lets see it.</summary>
public sealed record PatientChart(int PatientId, IReadOnlyList<ChartNote> Notes, PatientChartDetails Details)
{
    /// <summary>The contraindications of the patient's latest signed consultation, in the banner with the allergies.</summary>
    public ChartAlerts Alerts { get; init; } = new(Details.Allergies, Details.Alerts);
}

/// <summary>
/// Every signed note of a patient, their own clinician's and colleagues', newest first, with its amendments: what a
/// treating clinician needs before the next session. Two queries whatever the number of notes. Drafts stay on their
/// note's page: they are not part of the record until signed.
/// </summary>
public sealed class PatientChartQuery(ClinicDbContext db, ClinicClock clock, PatientChartEditor details, NoteFieldCatalog noteFields, Notes.ContraindicationQuery contraindications)
{
    public async Task<PatientChart> ForAsync(int patientId, CancellationToken cancellationToken)
    {
        var notes = await db.SessionNotes.AsNoTracking()
            .Where(n => n.Appointment!.PatientId == patientId && n.Status == NoteStatus.Signed)
            .OrderByDescending(n => n.Appointment!.StartUtc)
            .Select(n => new
            {
                n.Appointment!.Reference,
                n.Appointment.StartUtc,
                TreatmentName = n.Appointment.Treatment!.Name,
                ClinicianName = n.Appointment.Clinician!.DisplayName,
                n.Kind,
                n.Content,
                n.AuthorName,
                n.SignedUtc,
                Amendments = n.Amendments.OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id).Select(a => new { a.Content, a.Reason, a.AuthorName, a.CreatedUtc }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var record = await details.DetailsAsync(patientId, cancellationToken);
        var treatments = await db.Treatments.AsNoTracking().Select(t => new { t.Slug, t.Name }).ToDictionaryAsync(t => t.Slug, t => t.Name, cancellationToken);

        var chartNotes = notes.Select(n =>
        {
            var current = NoteContent.Parse(n.Amendments.Count == 0 ? n.Content : n.Amendments[^1].Content);
            var fields = current.Lines(n.Kind, noteFields, slug => treatments.GetValueOrDefault(slug, slug))
                .Select(l => new ChartField(l.Label, l.Value))
                .ToList();
            return new ChartNote(
                n.Reference,
                Label(n.StartUtc),
                n.TreatmentName,
                n.ClinicianName,
                n.Kind == NoteKind.Session ? "Session note" : "Consultation note",
                n.AuthorName,
                n.SignedUtc is { } signed ? Label(signed) : "",
                fields,
                n.Amendments.Select(a => new ChartAmendment(a.AuthorName, Label(a.CreatedUtc), a.Reason)).ToList());
        }).ToList();
        var alert = await contraindications.ForAsync(patientId, null, cancellationToken);
        return new PatientChart(patientId, chartNotes, record!)
        {
            Alerts = new ChartAlerts(record!.Allergies, record.Alerts)
            {
                Contraindications = alert?.Labels ?? [],
                ContraindicationsRecorded = alert is null ? null : clock.ToClinicTime(alert.ConsultationStartUtc).ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            },
        };
    }

    private string Label(DateTime utc) => clock.ToClinicTime(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
