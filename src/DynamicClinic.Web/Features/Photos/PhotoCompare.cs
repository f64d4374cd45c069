using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Photos;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Photos;

/// <summary>One visit's photo of a view: the visit's date, its session label and the photo.</summary>
public sealed record VisitOfView(string Reference, string Date, string Session, int PhotoId)
{
    public string DisplayHref => PhotosController.DisplayHref(PhotoId);

    public string ThumbnailHref => PhotosController.ThumbnailHref(PhotoId);
}

public sealed record ViewChoice(PhotoView View, string Label, int Visits);

/// <summary>The comparison page: two visits side by side and every visit's photo of the view in order.</summary>
public sealed record PhotoCompareModel(
    int PatientId, string PatientName, ChartAlerts Alerts, PhotoView? View, IReadOnlyList<ViewChoice> Views, IReadOnlyList<VisitOfView> Strip, VisitOfView? Before, VisitOfView? After)
{
    public string ViewLabel => View is { } v ? PhotoRules.Label(v) : "";
}

/// <summary>
/// Progress over time for one view: by default the first visit with a photo of it (the baseline) beside the latest.
/// A visit with several photos of the view shows the last taken. Reads no image bytes; the page is audited.
/// </summary>
public sealed class PhotoCompare(ClinicDbContext db, AuditTrail audit, ClinicClock clock)
{
    public async Task<PhotoCompareModel?> ForAsync(int patientId, PhotoView? view, string? before, string? after, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.FullName, p.Allergies, p.Alerts }).FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var photos = await db.ProgressPhotos.AsNoTracking()
            .Where(p => p.PatientId == patientId)
            .Join(db.Appointments, p => p.AppointmentId, a => a.Id, (p, a) => new { p.Id, p.View, a.Reference, a.StartUtc, a.SessionNumber })
            .ToListAsync(cancellationToken);

        // Visits numbered in order among those with photos, for visits that are not a planned course's session.
        var visitOrder = photos.Select(p => (p.StartUtc, p.Reference)).Distinct().Order().Select((v, i) => (v.Reference, Number: i + 1)).ToDictionary(v => v.Reference, v => v.Number);
        var views = photos.GroupBy(p => p.View).OrderBy(g => g.Key)
            .Select(g => new ViewChoice(g.Key, PhotoRules.Label(g.Key), g.Select(p => p.Reference).Distinct().Count())).ToList();
        var chosen = view is { } v && views.Any(c => c.View == v) ? v : views.FirstOrDefault()?.View;

        var strip = chosen is null ? [] : photos.Where(p => p.View == chosen)
            .GroupBy(p => p.Reference)
            .Select(g => g.MaxBy(p => p.Id)!)
            .OrderBy(p => p.StartUtc).ThenBy(p => p.Id)
            .Select(p => new VisitOfView(
                p.Reference,
                clock.ToClinicTime(p.StartUtc).ToString("d MMM yyyy", CultureInfo.InvariantCulture),
                p.SessionNumber is { } n ? $"Session {n}" : $"Visit {visitOrder[p.Reference]}",
                p.Id))
            .ToList();
        var first = strip.FirstOrDefault(s => s.Reference == before) ?? strip.FirstOrDefault();
        var last = strip.FirstOrDefault(s => s.Reference == after) ?? strip.LastOrDefault();

        if (strip.Count > 0)
        {
            audit.Record(
                AuditActions.PhotoViewed, AuditEntityTypes.ProgressPhoto, patientId, patientId,
                $"Progress photos compared ({PhotoRules.Label(chosen!.Value)})", after: new { Photos = strip.Select(s => s.PhotoId).ToList() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PhotoCompareModel(patientId, patient.FullName, new ChartAlerts(patient.Allergies, patient.Alerts), chosen, views, strip, first, strip.Count > 1 ? last : null);
    }
}
