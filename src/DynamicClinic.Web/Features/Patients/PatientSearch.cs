using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>One patient in a list of search results.</summary>
/// <param name="PhoneE164">The stored number, e.g. <c>+923001234567</c>.</param>
/// <param name="Phone">The same number for reading, e.g. <c>+92 300 1234567</c>.</param>
/// <param name="NextAppointment">The start of the next appointment that still holds time, in clinic time.</param>
public sealed record PatientSearchRow(int Id, string FullName, string PhoneE164, string Phone, string? Email, DateTime? NextAppointment);

/// <summary>One page of search results.</summary>
public sealed record PatientSearchPage(string Query, IReadOnlyList<PatientSearchRow> Rows, int Page, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

/// <summary>
/// Finds patients the way reception asks for them: part of a name, a mobile number however it is typed (or
/// some of its digits), part of an email address, or a booking reference (which finds that appointment's
/// patient). Records merged into another are left out. Two queries per page, however many rows: the count,
/// and the page with each patient's next appointment as a subquery. The one patient search: the Patients page and
/// reception's booking form both use it, so a family's shared number lists every one of them in both.
/// </summary>
public sealed class PatientSearch(ClinicDbContext db, ClinicClock clock)
{
    public const int DefaultPageSize = 20;

    /// <summary>Fewer digits than this match too many numbers to be a phone search.</summary>
    public const int MinimumPhoneDigits = 4;

    public const int QueryMaxLength = 100;

    /// <param name="bookableOnly">Leave out anonymised records too (they can no longer be booked): the booking form's search.</param>
    public async Task<PatientSearchPage> SearchAsync(string? query, int page, int pageSize, CancellationToken ct, bool bookableOnly = false)
    {
        var text = (query ?? "").Trim();
        if (text.Length > QueryMaxLength)
        {
            text = text[..QueryMaxLength];
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        var patients = db.Patients.AsNoTracking().Where(p => p.MergedIntoPatientId == null && (!bookableOnly || p.AnonymisedUtc == null));
        IOrderedQueryable<Domain.Patients.Patient> ordered;
        if (text.Length == 0)
        {
            // Nothing typed: the records most recently created or changed, the ones reception is likely after.
            ordered = patients
                .OrderByDescending(p => p.UpdatedUtc > p.CreatedUtc ? p.UpdatedUtc : p.CreatedUtc)
                .ThenByDescending(p => p.Id);
        }
        else
        {
            var lower = text.ToLowerInvariant();
            var phone = PatientPhone.Normalise(text);
            var digits = PartialDigits(text);
            var reference = BookingReference.Normalise(text);
#pragma warning disable CA1304, CA1311, CA1862 // ToLower here becomes SQL LOWER(): case-insensitive whatever the column's collation
            ordered = patients
                .Where(p => p.FullName.ToLower().Contains(lower)
                    || (p.Email != null && p.Email.ToLower().Contains(lower))
                    || (phone != null && p.PhoneE164 == phone)
                    || (digits != null && p.PhoneE164.Contains(digits))
                    || (reference != null && db.Appointments.Any(a => a.PatientId == p.Id && a.Reference == reference)))
                .OrderBy(p => p.FullName)
                .ThenBy(p => p.Id);
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await ordered.CountAsync(ct);
        var pageCount = total == 0 ? 1 : (total + pageSize - 1) / pageSize;
        page = Math.Clamp(page, 1, pageCount);

        var now = clock.UtcNow;
        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new
            {
                p.Id,
                p.FullName,
                p.PhoneE164,
                p.Email,
                Next = db.Appointments
                    .Where(a => a.PatientId == p.Id && a.StartUtc >= now && a.Status != AppointmentStatus.Cancelled)
                    .Min(a => (DateTime?)a.StartUtc),
            })
            .ToListAsync(ct);

        return new PatientSearchPage(
            text,
            rows.Select(r => new PatientSearchRow(
                r.Id, r.FullName, r.PhoneE164, PatientPhone.Display(r.PhoneE164), r.Email,
                r.Next is { } next ? clock.ToClinicTime(next) : null)).ToList(),
            page,
            pageSize,
            total);
    }

    /// <summary>
    /// The digits of a partly typed number as they appear inside an E.164 number: "0300 12" is "30012" (the
    /// national 0 dropped), "0092 300" is "92300". Null when the text is not number-like or too short.
    /// </summary>
    public static string? PartialDigits(string text)
    {
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '+' or '(' or ')' or '.')))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            digits = digits[1..];
        }

        return digits.Length >= MinimumPhoneDigits ? digits : null;
    }
}
