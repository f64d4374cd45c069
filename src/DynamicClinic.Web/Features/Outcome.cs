using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.Web.Features;

/// <summary>
/// What came of a change: a booking, a status change, a note, a patient edit or merge, a privacy decision. Nothing is
/// saved unless the outcome is <see cref="Done"/>.
/// </summary>
public abstract record Outcome
{
    /// <param name="Message">What to tell the person who asked, e.g. "Booked.".</param>
    public sealed record Done(string Message) : Outcome
    {
        /// <summary>The appointment made or changed (the first, for a course).</summary>
        public string? Reference { get; init; }

        public int? AppointmentId { get; init; }

        /// <summary>The secret of the manage link shown on the confirmation page, for an online booking.</summary>
        public string? ManageToken { get; init; }

        /// <summary>An online confirmation submitted again: the appointment the first submit made.</summary>
        public bool WasRepeat { get; init; }

        public int? PlanId { get; init; }
    }

    /// <summary>The rules refuse it, or the time is taken (then <see cref="Nearest"/> holds the free times nearest it).</summary>
    public sealed record Refused(string Message) : Outcome
    {
        public bool Taken { get; init; }

        public IReadOnlyList<Slot> Nearest { get; init; } = [];

        /// <summary>For a course: which sessions (numbers from 1) cannot have their time.</summary>
        public IReadOnlyList<int> Sessions { get; init; } = [];

        /// <summary>The slot check that refused the time, if one did: the public pages word it in the patient's language.</summary>
        public SlotCheckResult? Check { get; init; }

        /// <summary>The form field the refusal is about (shown beside it, like a validation message); null for the whole form.</summary>
        public string? Field { get; init; }

        /// <summary>Messages to show beside several form fields at once (a note's marked fields).</summary>
        public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];
    }

    /// <summary>Someone else changed it since the form was shown; nothing was saved.</summary>
    public sealed record Changed(string Message) : Outcome;

    /// <summary>The person who asked may see it but not do this (403).</summary>
    public sealed record Forbidden : Outcome;

    public sealed record NotFound : Outcome;

    /// <summary>A message shown beside one form field.</summary>
    public sealed record FieldError(string Field, string Message);

    /// <summary>The message to show, whatever the outcome.</summary>
    public string MessageOr(string notFound) => this switch
    {
        Done d => d.Message,
        Refused r => r.Message,
        Changed c => c.Message,
        _ => notFound,
    };
}
