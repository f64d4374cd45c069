using System.Globalization;
using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Web.Features.Patients;

public sealed record PatientSearchViewModel(PatientSearchPage Results, string? Flash);

public sealed record PatientEditViewModel(PatientEditForm Form, PatientContact Stored, PatientContact? ConflictingChange);

public sealed record PatientMergeViewModel(
    PatientContact Kept,
    PatientMergeCandidate? KeptCandidate,
    PatientMergeCandidate? Other,
    PatientMergeForm Form,
    PatientSearchPage? Results,
    string? Problem);

/// <summary>Words and formats the patient pages share (status is always told in words).</summary>
public static class PatientText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Booked",
        AppointmentStatus.Arrived => "Arrived",
        AppointmentStatus.Completed => "Completed",
        AppointmentStatus.NoShow => "Did not attend",
        AppointmentStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>A clinic-time moment, e.g. "Sat 28 Nov 2026, 10:00".</summary>
    public static string When(DateTime local) => local.ToString("ddd d MMM yyyy, HH:mm", Invariant);

    public static string AppointmentHref(string reference) => "/staff/appointments/" + Uri.EscapeDataString(reference);

    public static string RecordHref(int id) => "/staff/patients/" + id.ToString(Invariant);
}

/// <summary>The results table shared by the search page and the merge page's search for the duplicate.</summary>
public sealed record PatientResultsModel(PatientSearchPage Results, string Caption, string BaseHref, Func<int, string>? ChooseHref = null, int? ExceptId = null);

public sealed record PatientAppointmentsModel(IReadOnlyList<PatientAppointmentRow> Rows, string Caption, string Empty);
