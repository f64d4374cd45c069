using DynamicClinic.Data;
using DynamicClinic.Domain.Notes;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Notes;

/// <summary>The contraindications a patient's signed consultations recorded, for the alert banner of later visits.</summary>
public sealed class ContraindicationQuery(ClinicDbContext db, NoteFieldCatalog catalog)
{
    /// <param name="beforeUtc">Only consultations that started before this (the visit being written); null for all.</param>
    public async Task<ContraindicationAlert?> ForAsync(int patientId, DateTime? beforeUtc, CancellationToken cancellationToken)
    {
        var notes = await db.SessionNotes.AsNoTracking()
            .Where(n => n.Kind == NoteKind.Consultation && n.Status == NoteStatus.Signed && n.Appointment!.PatientId == patientId)
            .Where(n => beforeUtc == null || n.Appointment!.StartUtc < beforeUtc)
            .Select(n => new
            {
                n.Appointment!.StartUtc,
                n.Content,
                Amended = n.Amendments.OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).Select(a => a.Content).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return Contraindications.Latest(notes.Select(n => (n.StartUtc, NoteContent.Parse(n.Amended ?? n.Content))), catalog);
    }
}
