using System.Globalization;
using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Notes;

public sealed record TreatmentChoice(string Slug, string Name);

public sealed record FieldChange(string Label, string Before, string After);

public sealed record AmendmentView(string Who, string When, string Reason, IReadOnlyList<FieldChange> Changes);

/// <summary>Everything the note page shows. Clinical content is only ever put here for clinicians and admins.</summary>
public sealed record NotePageModel(
    string Reference,
    string PatientName,
    string TreatmentName,
    string ClinicianName,
    string WhenLabel,
    AppointmentStatus AppointmentStatus,
    string? SessionLabel,
    NoteKind Kind,
    NoteStatus? Status,
    string? AuthorName,
    string? SignedLabel,
    string? UpdatedLabel,
    NoteContent? Original,
    IReadOnlyList<AmendmentView> Amendments,
    bool CanWrite,
    string? WhyReadOnly,
    IReadOnlyList<TreatmentChoice> Treatments,
    NoteForm Form)
{
    public string? Problem { get; init; }

    /// <summary>The patient's record, linked from the page (their chart).</summary>
    public int PatientId { get; init; }

    /// <summary>The patient's allergies and alerts, in the banner at the top.</summary>
    public ChartAlerts Alerts { get; init; } = new(null, null);

    /// <summary>Which form the errors belong to: "draft", "sign" or "amend".</summary>
    public string? FailedForm { get; init; }

    /// <summary>The structured fields the form asks (null for a note written before field sets: the older form).</summary>
    public NoteFieldSet? FieldSet { get; init; }

    /// <summary>The patient's sex, for the fields asked of one sex only (both asked when not recorded).</summary>
    public DynamicClinic.Domain.Patients.PatientSex? PatientSex { get; init; }

    /// <summary>The note as stored (or signed), line by line with its labels and units.</summary>
    public IReadOnlyList<NoteLine> OriginalLines { get; init; } = [];

    public string TreatmentNameOf(string slug) => Treatments.FirstOrDefault(t => t.Slug == slug)?.Name ?? slug;
}

/// <summary>
/// The note of one appointment: who may read and write it, its page, and draft, sign and amend, each audited in
/// the same save. The appointment's own clinician writes; other clinicians and admins read. Notes are written for
/// appointments where the patient came (arrived or completed). Logs carry ids only, never note text.
/// </summary>
public sealed class NoteDesk(
    ClinicDbContext db, AuditTrail audit, ClinicClock clock, NoteFieldCatalog catalog, ContraindicationQuery contraindications, ILogger<NoteDesk> logger)
{
    private const string ChangedMessage = "This note was saved from another page a moment ago, so your changes were not saved. Your text is still in the form below: check it against the note and save again to replace it.";

    private sealed record Context(
        int Id,
        string Reference,
        int PatientId,
        string PatientName,
        string TreatmentName,
        string ClinicianName,
        string? ClinicianStaffUserId,
        DateTime StartUtc,
        DateTime EndUtc,
        AppointmentStatus Status,
        int? SessionPlanId,
        int? SessionNumber,
        int? TotalSessions,
        string? Allergies,
        string? Alerts,
        string TreatmentSlug,
        DynamicClinic.Domain.Patients.PatientSex? Sex);

    public async Task<NotePageModel?> PageAsync(string reference, ClaimsPrincipal user, bool recordView, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(reference, cancellationToken);
        if (context is null)
        {
            return null;
        }

        var note = await NoteAsync(context.Id, tracked: false, cancellationToken);
        var treatments = await TreatmentsAsync(cancellationToken);
        if (recordView && note is not null)
        {
            audit.Record(AuditActions.NoteViewed, AuditEntityTypes.SessionNote, context.Reference, context.PatientId, $"Note for {context.Reference} viewed");
            await db.SaveChangesAsync(cancellationToken);
        }

        var form = note is null ? new NoteForm() : NoteForm.From(note.CurrentContent());
        form.Version = note?.Version;
        form.BasedOn = note?.Amendments.Count ?? 0;
        var alert = await contraindications.ForAsync(context.PatientId, context.StartUtc, cancellationToken);
        return Page(context, note, treatments, user, form) with
        {
            Alerts = new ChartAlerts(context.Allergies, context.Alerts)
            {
                Contraindications = alert?.Labels ?? [],
                ContraindicationsRecorded = alert is null ? null : clock.ToClinicTime(alert.ConsultationStartUtc).ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            },
        };
    }

    public async Task<Outcome> SaveDraftAsync(string reference, ClaimsPrincipal user, NoteForm form, CancellationToken cancellationToken)
    {
        var (context, note, outcome) = await LoadForWritingAsync(reference, user, cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }

        var treatments = (await TreatmentsAsync(cancellationToken)).Select(t => t.Slug).ToList();
        var set = FieldSetFor(context!, note);
        NoteFieldError? volumeError = null;
        var content = set is null ? form.ToContent(out volumeError) : form.ToContent(set);
        if (volumeError is not null)
        {
            var others = NoteContentValidator.Validate(KindOf(context!), content, treatments, forSigning: false).Where(e => e.Field != volumeError.Field);
            return Refuse(new NoteRefusal("The note was not saved. Correct the fields marked.", [volumeError, .. others]));
        }

        var (userId, userName) = Actor(user);
        IReadOnlyList<string> changed;
        if (note is null)
        {
            if (form.Version is not null)
            {
                // The page showed a note that is no longer there: never expected, but never write over it blindly.
                return new Outcome.Changed(ChangedMessage);
            }

            var draft = SessionNoteRules.StartDraft(context!.Id, KindOf(context), userId, userName, content, treatments, clock.UtcNow, out var refusal, catalog, context.Sex);
            if (draft is null)
            {
                return Refuse(refusal!);
            }

            db.SessionNotes.Add(draft);
            changed = NoteContent.ChangedFields(draft.Kind, new NoteContent(), content);
        }
        else
        {
            if (note.Status == NoteStatus.Signed)
            {
                return Refuse(new NoteRefusal(SessionNoteRules.SignedMessage));
            }

            if (form.Version != note.Version)
            {
                return new Outcome.Changed(ChangedMessage);
            }

            var before = note.CurrentContent();
            if (note.SaveDraft(userId, content, treatments, clock.UtcNow, catalog, context!.Sex) is { } refusal)
            {
                return Refuse(refusal);
            }

            changed = NoteContent.ChangedFields(note.Kind, before, content);
        }

        audit.Record(
            AuditActions.NoteDraftSaved,
            AuditEntityTypes.SessionNote,
            context!.Reference,
            context.PatientId,
            $"Draft note for {context.Reference} saved",
            null,
            new { Fields = changed.ToArray() });
        return await SaveAsync(context, "Draft saved. It can be changed until you sign it.", "draft saved", cancellationToken);
    }

    public async Task<Outcome> SignAsync(string reference, ClaimsPrincipal user, NoteForm form, CancellationToken cancellationToken)
    {
        if (form.WithFields)
        {
            // The form carries what was typed: save it as the draft first, so a refused signature loses nothing.
            var saved = await SaveDraftAsync(reference, user, form, cancellationToken);
            if (saved is not Outcome.Done)
            {
                return saved;
            }

            db.ChangeTracker.Clear();
            form.Version = await VersionAsync(reference, cancellationToken);
        }

        var (context, note, outcome) = await LoadForWritingAsync(reference, user, cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }

        if (note is null)
        {
            return Refuse(new NoteRefusal("Save the note as a draft first, then sign it."));
        }

        if (note.Status == NoteStatus.Signed)
        {
            return Refuse(new NoteRefusal("This note is already signed."));
        }

        if (form.Version != note.Version)
        {
            return new Outcome.Changed("The draft changed since this page was shown, so it was not signed. Read it again, then sign.");
        }

        if (!form.Confirm)
        {
            return Refuse(new NoteRefusal("The note was not signed.", [new NoteFieldError(nameof(NoteForm.Confirm), "Confirm that the note is accurate before signing it.")]));
        }

        var treatments = (await TreatmentsAsync(cancellationToken)).Select(t => t.Slug).ToList();
        if (note.Sign(Actor(user).UserId, treatments, clock.UtcNow, catalog, context!.Sex) is { } refusal)
        {
            return Refuse(refusal);
        }

        audit.Record(
            AuditActions.NoteSigned,
            AuditEntityTypes.SessionNote,
            context!.Reference,
            context.PatientId,
            $"Note for {context.Reference} signed",
            new { Status = nameof(NoteStatus.Draft) },
            new { Status = nameof(NoteStatus.Signed) });
        return await SaveAsync(context, "Signed. The note is final: corrections are made as amendments.", "signed", cancellationToken);
    }

    public async Task<Outcome> AmendAsync(string reference, ClaimsPrincipal user, NoteForm form, CancellationToken cancellationToken)
    {
        var (context, note, outcome) = await LoadForWritingAsync(reference, user, cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }

        if (note is null)
        {
            return Refuse(new NoteRefusal("There is no note to amend yet."));
        }

        if (note.Status == NoteStatus.Signed && form.BasedOn != note.Amendments.Count)
        {
            return new Outcome.Changed("The note was amended since this page was shown, so your amendment was not saved. Your text is still in the form below: check it against the latest version and submit again.");
        }

        var treatments = (await TreatmentsAsync(cancellationToken)).Select(t => t.Slug).ToList();
        var set = FieldSetFor(context!, note);
        NoteFieldError? volumeError = null;
        var content = set is null ? form.ToContent(out volumeError) : form.ToContent(set);
        var before = note.CurrentContent();
        var (userId, userName) = Actor(user);
        var refusal = note.Amend(userId, userName, content, form.Reason, treatments, clock.UtcNow, out var amendment, catalog, context!.Sex);
        if (volumeError is not null)
        {
            var errors = (refusal?.Errors ?? []).Where(e => e.Field != volumeError.Field).Prepend(volumeError).ToList();
            if (amendment is not null)
            {
                note.Amendments.Remove(amendment);
            }

            return Refuse(new NoteRefusal("The amendment was not saved. Correct the fields marked.", errors));
        }

        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        var changed = NoteContent.ChangedFields(note.Kind, before, content);
        audit.Record(
            AuditActions.NoteAmended,
            AuditEntityTypes.SessionNote,
            context!.Reference,
            context.PatientId,
            $"Note for {context.Reference} amended",
            null,
            new
            {
                Fields = changed.ToArray(),
                ReasonLength = amendment!.Reason.Length,
            });
        return await SaveAsync(context, "Amendment added. The original note is kept below it.", "amended", cancellationToken);
    }

    /// <summary>The page again after a refused or conflicting post: the posted form, the note as it stands.</summary>
    public async Task<NotePageModel?> PageWithFormAsync(string reference, ClaimsPrincipal user, NoteForm posted, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var page = await PageAsync(reference, user, recordView: false, cancellationToken);
        if (page is null)
        {
            return null;
        }

        // Keep what was typed; the hidden version and amendment count are the current ones, so saving again is deliberate.
        posted.Version = page.Form.Version;
        posted.BasedOn = page.Form.BasedOn;
        return page with { Form = posted };
    }

    /// <summary>The rules said no; the page is shown again with the messages beside the fields.</summary>
    private static Outcome.Refused Refuse(NoteRefusal refusal) =>
        new(refusal.Message) { FieldErrors = [.. refusal.Errors.Select(e => new Outcome.FieldError(e.Field, e.Message))] };

    private async Task<(Context? Context, SessionNote? Note, Outcome? Outcome)> LoadForWritingAsync(string reference, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(reference, cancellationToken);
        if (context is null)
        {
            return (null, null, new Outcome.NotFound());
        }

        if (!IsOwnClinician(context, user))
        {
            return (context, null, new Outcome.Forbidden());
        }

        if (WhyNotWritable(context.Status) is { } why)
        {
            return (context, null, Refuse(new NoteRefusal(why)));
        }

        return (context, await NoteAsync(context.Id, tracked: true, cancellationToken), null);
    }

    private async Task<Outcome> SaveAsync(Context context, string message, string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome.Changed(ChangedMessage);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Two first saves of the same appointment's note at once: the other one won.
            db.ChangeTracker.Clear();
            return new Outcome.Changed(ChangedMessage);
        }

        logger.LogInformation("Note for appointment {AppointmentId} {NoteAction}", context.Id, what);
        return new Outcome.Done(message);
    }

    private NotePageModel Page(Context context, SessionNote? note, IReadOnlyList<TreatmentChoice> treatments, ClaimsPrincipal user, NoteForm form)
    {
        var own = IsOwnClinician(context, user);
        var whyNot = !own
            ? user.IsInRole(StaffRoles.Clinician) ? $"This is {context.ClinicianName}'s appointment: you can read its note, not write it." : "Admins can read notes, not write them."
            : WhyNotWritable(context.Status);

        var set = FieldSetFor(context, note);
        var amendments = new List<AmendmentView>();
        if (note is not null)
        {
            var previous = NoteContent.Parse(note.Content);
            foreach (var a in note.Amendments.OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id))
            {
                var next = NoteContent.Parse(a.Content);
                var changes = NoteContent.ChangedFields(note.Kind, previous, next)
                    .Select(f => set?.Field(f.StartsWith("f.", StringComparison.Ordinal) ? f[2..] : f) is { } field
                        ? new FieldChange(field.LabelWithUnit, field.Display(previous.Answers.GetValueOrDefault(field.Key, [])), field.Display(next.Answers.GetValueOrDefault(field.Key, [])))
                        : new FieldChange(NoteContent.LabelOf(f), previous.Display(f, Name), next.Display(f, Name)))
                    .ToList();
                amendments.Add(new AmendmentView(a.AuthorName, Label(a.CreatedUtc), a.Reason, changes));
                previous = next;
            }
        }

        var local = clock.ToClinicTime(context.StartUtc);
        return new NotePageModel(
            context.Reference,
            context.PatientName,
            context.TreatmentName,
            context.ClinicianName,
            $"{local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} to {clock.ToClinicTime(context.EndUtc).ToString("HH:mm", CultureInfo.InvariantCulture)}",
            context.Status,
            SessionLabel(context.SessionNumber, context.TotalSessions),
            note?.Kind ?? KindOf(context),
            note?.Status,
            note?.AuthorName,
            note?.SignedUtc is { } signed ? Label(signed) : null,
            note is null ? null : Label(note.UpdatedUtc),
            note is null ? null : NoteContent.Parse(note.Content),
            amendments,
            whyNot is null,
            whyNot,
            treatments,
            form)
        {
            PatientId = context.PatientId,
            Alerts = new ChartAlerts(context.Allergies, context.Alerts),
            FieldSet = set,
            PatientSex = context.Sex,
            OriginalLines = note is null ? [] : NoteContent.Parse(note.Content).Lines(note.Kind, catalog, Name),
        };

        string Name(string slug) => treatments.FirstOrDefault(t => t.Slug == slug)?.Name ?? slug;
    }

    /// <summary>The version of the appointment's note as stored now (null when there is none), for the next save.</summary>
    public Task<Guid?> VersionAsync(string reference, CancellationToken cancellationToken) =>
        db.SessionNotes.AsNoTracking().Where(n => n.Appointment!.Reference == reference).Select(n => (Guid?)n.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The clinic's time now, as the page says when a draft was saved in the background.</summary>
    public string NowLabel() => clock.ToClinicTime(clock.UtcNow).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The patient of the appointment, for the chart access check; null when there is no such appointment.</summary>
    public Task<int?> PatientIdAsync(string reference, CancellationToken cancellationToken) =>
        db.Appointments.AsNoTracking().Where(a => a.Reference == reference).Select(a => (int?)a.PatientId).FirstOrDefaultAsync(cancellationToken);

    public static string? SessionLabel(int? number, int? total) =>
        number is { } n ? total is { } t ? $"Session {n} of {t}" : $"Session {n}" : null;

    /// <summary>Null when a note may be written for an appointment with this status.</summary>
    public static string? WhyNotWritable(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Arrived or AppointmentStatus.Completed => null,
        AppointmentStatus.Booked => "A note can be written once the patient has arrived.",
        _ => $"The appointment is {AppointmentStatusRules.Describe(status)}, so there is no note to write.",
    };

    /// <summary>
    /// The structured fields of the note: the set its content names, or for a new note the set of its kind of visit;
    /// null for a note written before field sets, which keeps its older fields.
    /// </summary>
    private NoteFieldSet? FieldSetFor(Context context, SessionNote? note) =>
        note is null ? catalog.For(KindOf(context), context.TreatmentSlug) : catalog.Find(NoteContent.Parse(note.Content).FieldSet);

    private static NoteKind KindOf(Context context) => context.SessionPlanId is null ? NoteKind.Consultation : NoteKind.Session;

    private static bool IsOwnClinician(Context context, ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Clinician)
        && context.ClinicianStaffUserId is not null
        && context.ClinicianStaffUserId == user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static (string UserId, string Name) Actor(ClaimsPrincipal user) =>
        (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.FindFirstValue(StaffClaimTypes.DisplayName) ?? user.Identity?.Name ?? "Clinician");

    private string Label(DateTime utc) => clock.ToClinicTime(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    private Task<Context?> ContextAsync(string reference, CancellationToken cancellationToken) =>
        db.Appointments.AsNoTracking()
            .Where(a => a.Reference == reference)
            .Select(a => new Context(
                a.Id,
                a.Reference,
                a.PatientId,
                a.Patient!.FullName,
                a.Treatment!.Name,
                a.Clinician!.DisplayName,
                a.Clinician.StaffUserId,
                a.StartUtc,
                a.EndUtc,
                a.Status,
                a.SessionPlanId,
                a.SessionNumber,
                db.SessionPlans.Where(p => p.Id == a.SessionPlanId).Select(p => (int?)p.TotalSessions).FirstOrDefault(),
                a.Patient.Allergies,
                a.Patient.Alerts,
                a.Treatment.Slug,
                a.Patient.Sex))
            .FirstOrDefaultAsync(cancellationToken);

    private Task<SessionNote?> NoteAsync(int appointmentId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.SessionNotes.Include(n => n.Amendments).Where(n => n.AppointmentId == appointmentId);
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<TreatmentChoice>> TreatmentsAsync(CancellationToken cancellationToken) =>
        await db.Treatments.AsNoTracking()
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TreatmentChoice(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
}
