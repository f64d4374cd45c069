using System.Globalization;

namespace DynamicClinic.Domain.Waitlist;

public enum WaitlistStatus
{
    Waiting = 0,
    Booked = 1,
    Removed = 2,
}

/// <summary>
/// A patient who wants an earlier time than the diary has: which treatment, with whom (any of
/// <see cref="ClinicianIds"/>, or anyone who offers it when empty), on which weekdays, between which clinic times,
/// and until when. When time frees that fits, the entry is offered it (<see cref="WaitlistOffer"/>).
/// </summary>
public class WaitlistEntry
{
    public const int ClinicianIdsMaxLength = 200;

    public int Id { get; set; }

    public int PatientId { get; set; }

    public Patients.Patient? Patient { get; set; }

    public int TreatmentId { get; set; }

    public Treatments.Treatment? Treatment { get; set; }

    /// <summary>Clinician ids separated by commas; empty means any clinician who offers the treatment.</summary>
    public string ClinicianIds { get; set; } = "";

    /// <summary>Weekdays wanted, one bit per <see cref="DayOfWeek"/> (bit 0 Sunday).</summary>
    public int Days { get; set; }

    /// <summary>The window in clinic time: the appointment starts no earlier than this...</summary>
    public TimeOnly EarliestTime { get; set; }

    /// <summary>...and ends no later than this.</summary>
    public TimeOnly LatestTime { get; set; }

    /// <summary>The last clinic date the patient wants a time on; the entry lapses after it.</summary>
    public DateOnly UntilDate { get; set; }

    public WaitlistStatus Status { get; set; } = WaitlistStatus.Waiting;

    /// <summary>The appointment the entry ended in, once an offer was taken.</summary>
    public int? AppointmentId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public static int DaysFrom(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (bits, day) => bits | (1 << (int)day));

    public bool WantsDay(DayOfWeek day) => (Days & (1 << (int)day)) != 0;

    public IReadOnlyList<int> Clinicians() => ClinicianIds
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(id => int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture))
        .ToList();

    public static string JoinClinicians(IEnumerable<int> ids) =>
        string.Join(',', ids.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Whether a free time suits this entry: still waiting, the clinician is one it asked for, and the clinic-time start
    /// and end fall on a wanted day, inside the window, no later than <see cref="UntilDate"/>.
    /// </summary>
    public bool Suits(int clinicianId, DateTime startClinicTime, DateTime endClinicTime)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            return false;
        }

        var clinicians = Clinicians();
        var day = DateOnly.FromDateTime(startClinicTime);
        return (clinicians.Count == 0 || clinicians.Contains(clinicianId))
            && day <= UntilDate
            && WantsDay(startClinicTime.DayOfWeek)
            && DateOnly.FromDateTime(endClinicTime) == day
            && TimeOnly.FromDateTime(startClinicTime) >= EarliestTime
            && TimeOnly.FromDateTime(endClinicTime) <= LatestTime;
    }

    /// <summary>What is wrong with the entry as typed, by field; empty when it can be saved.</summary>
    public static IReadOnlyDictionary<string, string> Problems(int days, TimeOnly earliest, TimeOnly latest, DateOnly until, DateOnly today)
    {
        var problems = new Dictionary<string, string>();
        if (days == 0)
        {
            problems["Days"] = "Choose at least one day the patient can come.";
        }

        if (latest <= earliest)
        {
            problems["LatestTime"] = "The latest time must be after the earliest.";
        }

        if (until < today)
        {
            problems["UntilDate"] = "Choose today or a later date.";
        }
        else if (until > today.AddYears(1))
        {
            problems["UntilDate"] = "Choose a date within a year.";
        }

        return problems;
    }
}
