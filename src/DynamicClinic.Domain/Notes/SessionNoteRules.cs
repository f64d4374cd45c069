namespace DynamicClinic.Domain.Notes;

/// <summary>Why a note change was refused; nothing was changed. Field errors name <see cref="NoteContent"/> properties.</summary>
public sealed record NoteRefusal(string Message, IReadOnlyList<NoteFieldError> Errors)
{
    public NoteRefusal(string message)
        : this(message, [])
    {
    }
}

/// <summary>
/// What may happen to a note: a draft is written and edited by its author only, signed once it is complete, and
/// from then on never changes; corrections are amendments with a reason that keep the original.
/// Each method changes nothing and returns the refusal when the rules say no.
/// </summary>
public static class SessionNoteRules
{
    public const string SignedMessage = "This note is signed, so it cannot be changed. Add an amendment instead.";

    /// <summary>A new draft by <paramref name="authorUserId"/>; null with <paramref name="refusal"/> when the content is not acceptable.</summary>
    public static SessionNote? StartDraft(
        int appointmentId, NoteKind kind, string authorUserId, string authorName, NoteContent content, IReadOnlyCollection<string> treatments, DateTime nowUtc, out NoteRefusal? refusal,
        NoteFieldCatalog? catalog = null, Patients.PatientSex? sex = null)
    {
        refusal = Invalid(kind, content, treatments, forSigning: false, catalog, sex);
        if (refusal is not null)
        {
            return null;
        }

        return new SessionNote
        {
            AppointmentId = appointmentId,
            Kind = kind,
            Status = NoteStatus.Draft,
            Content = content.ToJson(),
            AuthorUserId = authorUserId,
            AuthorName = authorName,
            CreatedUtc = nowUtc,
            UpdatedUtc = nowUtc,
        };
    }

    /// <summary>Null when <paramref name="userId"/> may edit the draft; otherwise why not.</summary>
    public static NoteRefusal? RefuseEdit(this SessionNote note, string userId)
    {
        if (note.Status == NoteStatus.Signed)
        {
            return new NoteRefusal(SignedMessage);
        }

        return note.AuthorUserId == userId ? null : new NoteRefusal($"Only the draft's author, {note.AuthorName}, can change it.");
    }

    public static NoteRefusal? SaveDraft(
        this SessionNote note, string userId, NoteContent content, IReadOnlyCollection<string> treatments, DateTime nowUtc, NoteFieldCatalog? catalog = null, Patients.PatientSex? sex = null)
    {
        if (note.RefuseEdit(userId) is { } refusal)
        {
            return refusal;
        }

        if (Invalid(note.Kind, content, treatments, forSigning: false, catalog, sex) is { } invalid)
        {
            return invalid;
        }

        note.Content = content.ToJson();
        Touch(note, nowUtc);
        return null;
    }

    /// <summary>Makes the draft final: it must be complete, and only its author signs it.</summary>
    public static NoteRefusal? Sign(
        this SessionNote note, string userId, IReadOnlyCollection<string> treatments, DateTime nowUtc, NoteFieldCatalog? catalog = null, Patients.PatientSex? sex = null)
    {
        if (note.Status == NoteStatus.Signed)
        {
            return new NoteRefusal("This note is already signed.");
        }

        if (note.RefuseEdit(userId) is { } refusal)
        {
            return refusal with { Message = $"Only the note's author, {note.AuthorName}, can sign it." };
        }

        if (Invalid(note.Kind, NoteContent.Parse(note.Content), treatments, forSigning: true, catalog, sex) is { } incomplete)
        {
            return incomplete with { Message = "The note is not complete yet, so it cannot be signed. Your draft is saved: fill in the fields marked, then sign." };
        }

        note.Status = NoteStatus.Signed;
        note.SignedUtc = nowUtc;
        Touch(note, nowUtc);
        return null;
    }

    /// <summary>
    /// Adds a correction to a signed note: the full corrected content, who, when and why. The original and earlier
    /// amendments are kept as they are. <paramref name="amendment"/> is the new amendment when allowed.
    /// </summary>
    public static NoteRefusal? Amend(
        this SessionNote note, string userId, string userName, NoteContent content, string? reason, IReadOnlyCollection<string> treatments, DateTime nowUtc, out SessionNoteAmendment? amendment,
        NoteFieldCatalog? catalog = null, Patients.PatientSex? sex = null)
    {
        amendment = null;
        if (note.Status != NoteStatus.Signed)
        {
            return new NoteRefusal("This note is still a draft: edit it instead of amending it.");
        }

        var errors = new List<NoteFieldError>();
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            errors.Add(new NoteFieldError("Reason", "Say why the note is being amended."));
        }
        else if (why.Length > SessionNoteAmendment.ReasonMaxLength)
        {
            errors.Add(new NoteFieldError("Reason", $"The reason can be at most {SessionNoteAmendment.ReasonMaxLength} characters."));
        }

        errors.AddRange(NoteContentValidator.Validate(note.Kind, content, treatments, forSigning: true, catalog, sex));
        if (errors.Count > 0)
        {
            return new NoteRefusal("The amendment was not saved. Correct the fields marked.", errors);
        }

        if (NoteContent.ChangedFields(note.Kind, note.CurrentContent(), content).Count == 0)
        {
            return new NoteRefusal("The corrected note is the same as the current one: change at least one field.");
        }

        amendment = new SessionNoteAmendment
        {
            SessionNoteId = note.Id,
            Content = content.ToJson(),
            Reason = why!,
            AuthorUserId = userId,
            AuthorName = userName,
            CreatedUtc = nowUtc,
        };
        note.Amendments.Add(amendment);
        return null;
    }

    /// <summary>What the note says now: the latest amendment's content, or the original if there is none.</summary>
    public static NoteContent CurrentContent(this SessionNote note)
    {
        var latest = note.Amendments.OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id).LastOrDefault();
        return NoteContent.Parse(latest?.Content ?? note.Content);
    }

    private static NoteRefusal? Invalid(NoteKind kind, NoteContent content, IReadOnlyCollection<string> treatments, bool forSigning, NoteFieldCatalog? catalog, Patients.PatientSex? sex)
    {
        var errors = NoteContentValidator.Validate(kind, content, treatments, forSigning, catalog, sex);
        return errors.Count == 0 ? null : new NoteRefusal("The note was not saved. Correct the fields marked.", errors);
    }

    private static void Touch(SessionNote note, DateTime nowUtc)
    {
        note.UpdatedUtc = nowUtc;
        note.Version = Guid.NewGuid();
    }
}
