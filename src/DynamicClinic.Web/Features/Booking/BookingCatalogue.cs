using DynamicClinic.Data;
using DynamicClinic.Web.Features.Treatments;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Booking;

/// <param name="RoomId">The room the treatment needs, if any: its times count against availability.</param>
public sealed record BookableTreatment(int Id, string Slug, string Name, string Summary, int ConsultationMinutes, int? RoomId = null);

public sealed record BookableClinician(int Id, string DisplayName, string Title);

/// <summary>A clinician as patients see them when choosing whom to book: public profile, what they offer, photo if any.</summary>
/// <param name="PhotoVersion">The photo's version (part of its URL), or null when there is no photo.</param>
public sealed record ClinicianProfile(int Id, string DisplayName, string Title, string Bio, IReadOnlyList<string> Treatments, Guid? PhotoVersion)
{
    public string? PhotoUrl => PhotoVersion is { } v ? ClinicianPhotoController.UrlFor(Id, v) : null;
}

/// <summary>The active treatments patients can book and the active clinicians who offer each.</summary>
public sealed class BookingCatalogue(ClinicDbContext db)
{
    public const string GeneralConsultationSlug = "general-consultation";

    public async Task<IReadOnlyList<BookableTreatment>> TreatmentsAsync(CancellationToken cancellationToken = default)
    {
        var treatments = await db.Treatments.AsNoTracking()
            .Where(t => t.IsActive)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new BookableTreatment(t.Id, t.Slug, t.Name, t.Summary, t.ConsultationMinutes, t.RoomId))
            .ToListAsync(cancellationToken);
        return treatments.Select(InPageLanguage).ToList();
    }

    public async Task<BookableTreatment?> TreatmentAsync(string? slug, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(slug) || slug.Length > 60
            ? null
            : await db.Treatments.AsNoTracking()
                .Where(t => t.IsActive && t.Slug == slug)
                .Select(t => new BookableTreatment(t.Id, t.Slug, t.Name, t.Summary, t.ConsultationMinutes, t.RoomId))
                .FirstOrDefaultAsync(cancellationToken) is { } found ? InPageLanguage(found) : null;

    public async Task<IReadOnlyList<BookableClinician>> CliniciansForAsync(int treatmentId, CancellationToken cancellationToken = default) =>
        await db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive && c.Treatments.Any(t => t.Id == treatmentId))
            .OrderBy(c => c.Id)
            .Select(c => new BookableClinician(c.Id, c.DisplayName, c.Title))
            .ToListAsync(cancellationToken);

    /// <summary>The active clinicians offering a treatment, with their public profiles (for choosing whom to see).</summary>
    public async Task<IReadOnlyList<ClinicianProfile>> ProfilesForAsync(int treatmentId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive && c.Treatments.Any(t => t.Id == treatmentId))
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.DisplayName,
                c.Title,
                c.Bio,
                Treatments = c.Treatments.Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Slug, t.Name }).ToList(),
                PhotoVersion = db.ClinicianPhotos.Where(p => p.ClinicianId == c.Id).Select(p => (Guid?)p.Version).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ClinicianProfile(
            r.Id, r.DisplayName, r.Title, r.Bio, r.Treatments.Select(t => TreatmentCatalogue.CurrentNameFor(t.Slug, t.Name)).ToList(), r.PhotoVersion)).ToList();
    }

    /// <summary>
    /// On Urdu pages a treatment with Urdu words (its guide, or the booking-only file of the general consultation) is
    /// named and summed up in them (the same as its treatment page); the clinic's own words in the database are English.
    /// </summary>
    private static BookableTreatment InPageLanguage(BookableTreatment treatment) =>
        ReferenceEquals(TreatmentCatalogue.Current, TreatmentCatalogue.Urdu) && TreatmentCatalogue.UrduWordsFor(treatment.Slug) is { } words
            ? treatment with { Name = words.Name, Summary = words.Summary }
            : treatment;
}
