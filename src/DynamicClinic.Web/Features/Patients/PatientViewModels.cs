using System.Globalization;
using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Web.Features.Patients;

public sealed record PatientSearchViewModel(PatientSearchPage Results, string? Flash, int OpenDuplicateFlags = 0);

public sealed record PatientDuplicatesViewModel(PatientDuplicatesPage Page, string? Flash, string? Warning);

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

    public const string DuplicatesHref = "/staff/patients/duplicates";

    /// <summary>Where "Not the same person" posts for a flagged record.</summary>
    public static string DismissDuplicateHref(int flaggedId) => RecordHref(flaggedId) + "/not-duplicate";

    /// <summary>The merge page with the flagged record preselected as the duplicate to merge into <paramref name="keptId"/>.</summary>
    public static string MergeHref(int keptId, int duplicateId) => RecordHref(keptId) + "/merge?other=" + duplicateId.ToString(Invariant);

    /// <summary>"3 possible duplicates", "1 possible duplicate".</summary>
    public static string PossibleDuplicates(int count) => count == 1 ? "1 possible duplicate" : count.ToString(Invariant) + " possible duplicates";
}

/// <summary>The results table shared by the search page and the merge page's search for the duplicate.</summary>
public sealed record PatientResultsModel(PatientSearchPage Results, string Caption, string BaseHref, Func<int, string>? ChooseHref = null, int? ExceptId = null);

public sealed record PatientAppointmentsModel(IReadOnlyList<PatientAppointmentRow> Rows, string Caption, string Empty);

/// <summary>The "Not the same person" button of one flagged record; <paramref name="From"/> is where to come back to.</summary>
public sealed record PatientDismissDuplicateModel(int FlaggedId, int OtherId, Guid Version, string? From = null);
