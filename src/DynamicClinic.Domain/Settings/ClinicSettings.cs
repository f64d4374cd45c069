using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.Domain.Settings;

/// <summary>One broken settings rule, named after the setting it concerns.</summary>
public sealed record SettingsProblem(string Field, string Message);

/// <summary>
/// The clinic's day-to-day settings, kept in the database (one row) so an admin changes them without editing a config
/// file: how online booking lays out and limits times, when patients may still cancel online, how early reminders
/// go, how the clinic is reached, and whether every staff account must sign in with two factors. Deployment settings
/// (time zone, connection strings, rate limits, SMTP) stay in configuration.
/// </summary>
public class ClinicSettings
{
    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    public const int AddressMaxLength = 300;
    public const int PhoneMaxLength = 30;
    public const int PublicEmailMaxLength = 254;
    public const int OpeningHoursLineMaxLength = 100;
    public const int OpeningHoursMaxLines = 7;

    /// <summary>Room for the lines and their separators.</summary>
    public const int OpeningHoursMaxLength = (OpeningHoursLineMaxLength + 2) * OpeningHoursMaxLines;

    public const int MaxBufferMinutes = 120;
    public const int MaxMinimumNoticeHours = 168;
    public const int MinHorizonDays = 1;
    public const int MaxHorizonDays = 365;
    public const int MaxCancellationCutoffHours = 168;
    public const int MinReminderLeadHours = 1;
    public const int MaxReminderLeadHours = 168;

    public int Id { get; set; } = SingletonId;

    /// <summary>Offered start times are this many minutes apart (see <see cref="AvailabilityRules.AllowedStepMinutes"/>).</summary>
    public int SlotStepMinutes { get; set; } = 15;

    /// <summary>Minutes kept free after each appointment; a multiple of five.</summary>
    public int BufferMinutes { get; set; }

    /// <summary>No online slot starts sooner than this many hours from now.</summary>
    public int MinimumNoticeHours { get; set; } = 2;

    /// <summary>No online slot starts later than this many days from now.</summary>
    public int HorizonDays { get; set; } = 60;

    /// <summary>Patients can cancel or move online until this many hours before; after that they call.</summary>
    public int CancellationCutoffHours { get; set; } = 24;

    /// <summary>The reminder email is queued once an appointment starts within this many hours.</summary>
    public int ReminderLeadHours { get; set; } = 24;

    public string Address { get; set; } = "";

    public string Phone { get; set; } = "";

    /// <summary>The address patients write to, shown on the site and in emails.</summary>
    public string PublicEmail { get; set; } = "";

    /// <summary>Opening hours as shown on the site, one line each, separated by line breaks.</summary>
    public string OpeningHours { get; set; } = "";

    /// <summary>When on, every staff account must sign in with an authenticator app as well as its password.</summary>
    public bool RequireStaffTwoFactor { get; set; }

    /// <summary>
    /// When on, WhatsApp and SMS texts name the treatment. Off by default: a text shows on a lock screen, often on a
    /// phone the family shares, and a treatment's name is health information.
    /// </summary>
    public bool MessagesNameTreatment { get; set; }

    /// <summary>Renewed on every save: an admin saving over a version they did not see is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTime? UpdatedUtc { get; set; }

    public IReadOnlyList<string> OpeningHoursLines => SplitLines(OpeningHours);

    public TimeSpan CancellationCutoff => TimeSpan.FromHours(CancellationCutoffHours);

    public TimeSpan ReminderLeadTime => TimeSpan.FromHours(ReminderLeadHours);

    public AvailabilityRules ToAvailabilityRules() => new()
    {
        SlotStep = TimeSpan.FromMinutes(SlotStepMinutes),
        Buffer = TimeSpan.FromMinutes(BufferMinutes),
        MinimumNotice = TimeSpan.FromHours(MinimumNoticeHours),
        Horizon = TimeSpan.FromDays(HorizonDays),
    };

    /// <summary>Lines as typed: trimmed, blank lines dropped.</summary>
    public static IReadOnlyList<string> SplitLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public static string JoinLines(IEnumerable<string> lines) => string.Join('\n', lines.Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>Every broken rule, one per field at most; empty when the settings can be used.</summary>
    public IReadOnlyList<SettingsProblem> Validate()
    {
        var problems = new List<SettingsProblem>();
        void Add(string field, string message) => problems.Add(new SettingsProblem(field, message));

        if (!AvailabilityRules.AllowedStepMinutes.Contains(SlotStepMinutes))
        {
            Add(nameof(SlotStepMinutes), $"Slot step must be one of {string.Join(", ", AvailabilityRules.AllowedStepMinutes)} minutes (each divides an hour, or is two hours).");
        }

        // Appointments hold time as five-minute blocks, so the buffer stays on that grid.
        if (BufferMinutes is < 0 or > MaxBufferMinutes || BufferMinutes % 5 != 0)
        {
            Add(nameof(BufferMinutes), $"Buffer must be a multiple of 5 minutes from 0 to {MaxBufferMinutes}.");
        }

        if (HorizonDays is < MinHorizonDays or > MaxHorizonDays)
        {
            Add(nameof(HorizonDays), $"Booking horizon must be from {MinHorizonDays} to {MaxHorizonDays} days.");
        }

        if (MinimumNoticeHours is < 0 or > MaxMinimumNoticeHours)
        {
            Add(nameof(MinimumNoticeHours), $"Minimum notice must be from 0 to {MaxMinimumNoticeHours} hours.");
        }
        else if (HorizonDays is >= MinHorizonDays and <= MaxHorizonDays && MinimumNoticeHours >= HorizonDays * 24)
        {
            Add(nameof(MinimumNoticeHours), "Minimum notice must be shorter than the booking horizon, or nothing could be booked.");
        }

        if (CancellationCutoffHours is < 0 or > MaxCancellationCutoffHours)
        {
            Add(nameof(CancellationCutoffHours), $"Cancellation cutoff must be from 0 to {MaxCancellationCutoffHours} hours.");
        }

        if (ReminderLeadHours is < MinReminderLeadHours or > MaxReminderLeadHours)
        {
            Add(nameof(ReminderLeadHours), $"Reminder lead time must be from {MinReminderLeadHours} to {MaxReminderLeadHours} hours.");
        }

        CheckText(problems, nameof(Address), "the clinic's address", Address, AddressMaxLength);
        CheckText(problems, nameof(Phone), "the clinic's phone number", Phone, PhoneMaxLength);
        if (CheckText(problems, nameof(PublicEmail), "the clinic's public email address", PublicEmail, PublicEmailMaxLength) && !LooksLikeEmail(PublicEmail))
        {
            Add(nameof(PublicEmail), "Enter an email address like appointments@example.com.");
        }

        var lines = OpeningHoursLines;
        if (lines.Count == 0)
        {
            Add(nameof(OpeningHours), "Enter the opening hours, one line each (e.g. \"Monday to Saturday: 10:00 to 19:00\").");
        }
        else if (lines.Count > OpeningHoursMaxLines)
        {
            Add(nameof(OpeningHours), $"Opening hours can have at most {OpeningHoursMaxLines} lines.");
        }
        else if (lines.Any(l => l.Length > OpeningHoursLineMaxLength))
        {
            Add(nameof(OpeningHours), $"Each opening hours line can be at most {OpeningHoursLineMaxLength} characters.");
        }

        return problems;
    }

    private static bool CheckText(List<SettingsProblem> problems, string field, string what, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new SettingsProblem(field, $"Enter {what}."));
            return false;
        }

        if (value.Length > maxLength)
        {
            problems.Add(new SettingsProblem(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} can be at most {maxLength} characters."));
            return false;
        }

        return true;
    }

    // The same shape check as elsewhere on the site: one @, something before it, a dot in the domain, no spaces.
    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace);
    }
}
