using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Messages;

/// <summary>
/// What the webhooks hand over: delivery reports and what patients write. Each inbound message is kept once (by the
/// provider's id), so a webhook delivered twice acts once. A reply to a reminder confirms or cancels (within the
/// cancellation cutoff; after it the patient is asked to call and reception sees the request); STOP and START switch
/// texts off and on; anything else waits in reception's inbox. A number no patient has is kept, never answered.
/// </summary>
public sealed partial class PatientReplies(
    ClinicDbContext db,
    AppointmentBooking booking,
    Waitlist.WaitlistDesk waitlist,
    EmailOutbox outbox,
    AuditTrail audit,
    ClinicSettingsService settings,
    MessageFallback fallback,
    TimeProvider timeProvider,
    ILogger<PatientReplies> logger)
{
    public const string ReplyKind = "Reply";

    /// <summary>A delivery report. Moves the state forward only; a "failed" on a sent text tries the next channel once.</summary>
    public async Task ApplyStatusAsync(string providerMessageId, string? providerStatus, CancellationToken cancellationToken)
    {
        if (DeliveryStates.Normalise(providerStatus) is not { } state)
        {
            return;
        }

        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.ProviderMessageId == providerMessageId, cancellationToken);
        if (message is null || !DeliveryStates.Advances(message.DeliveryState, state))
        {
            return;
        }

        var now = UtcNow();
        var current = message.DeliveryState;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on the state we read: of two reports racing, one moves it; a stale one changes nothing.
        var updated = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.DeliveryState == current)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryState, state).SetProperty(m => m.DeliveryUpdatedUtc, now), cancellationToken);
        if (updated == 1 && state == DeliveryStates.Failed && message.FailedUtc is null)
        {
            var marked = await db.OutboxMessages.Where(m => m.Id == message.Id && m.FailedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedUtc, now).SetProperty(m => m.LastError, "Reported failed by the provider"), cancellationToken);
            if (marked == 1)
            {
                await fallback.QueueAsync(db, message, now);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.WakeSender();
        logger.LogInformation("Message {OutboxMessageId} ({Channel}) reported {DeliveryState}", message.Id, message.Channel, state);
    }

    /// <summary>A message a patient (or anyone) sent. <paramref name="text"/> is a button payload or the words typed.</summary>
    public async Task ReceiveAsync(ContactChannel channel, string providerMessageId, string fromE164, string text, CancellationToken cancellationToken)
    {
        if (await db.InboundMessages.AnyAsync(m => m.ProviderMessageId == providerMessageId, cancellationToken))
        {
            return; // a replayed webhook
        }

        await settings.GetAsync(cancellationToken);
        var now = UtcNow();
        var body = text.Length <= InboundMessage.BodyMaxLength ? text : text[..InboundMessage.BodyMaxLength];
        var inbound = new InboundMessage { Channel = channel, ProviderMessageId = providerMessageId, FromPhone = fromE164, Body = body, ReceivedUtc = now };
        db.InboundMessages.Add(inbound);

        var patients = await db.Patients
            .Where(p => p.PhoneE164 == fromE164 && p.MergedIntoPatientId == null && p.AnonymisedUtc == null)
            .ToListAsync(cancellationToken);
        var (kind, reference) = PatientReply.ReadWithReference(text);
        inbound.Kind = kind;
        if (patients.Count == 0)
        {
            // Never answered: whoever it is gets nobody's data. Reception sees it.
            inbound.Outcome = "Number not on any patient's record";
        }
        else if (kind == PatientReplyKind.Confirm && reference is null && await OfferAsync(patients, now, cancellationToken) is { } offer)
        {
            // "1" to a waitlist offer still within its time: the offer's acceptance, not a reminder's confirmation.
            // Answered in the language the offer went in: its patient's (one of this number's, already loaded).
            var preferred = patients.First(p => p.Id == offer.PatientId).PreferredLanguage;
            await TakeOfferAsync(inbound, offer, (preferred ?? PatientLanguage.English).Code(), now, cancellationToken);
            return;
        }
        else
        {
            await ActAsync(inbound, kind, reference, patients, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same webhook arrived twice at once and the other request kept it.
            db.ChangeTracker.Clear();
            return;
        }

        logger.LogInformation("Inbound {Channel} message {InboundMessageId} read as {ReplyKind}", channel, inbound.Id, kind);
    }

    // The newest offer to these patients still within its time (open, or already lost to another patient's reply).
    private async Task<(int Id, int EntryId, int PatientId)?> OfferAsync(List<Domain.Patients.Patient> patients, DateTime now, CancellationToken cancellationToken)
    {
        var ids = patients.Select(p => p.Id).ToList();
        var offer = await db.WaitlistOffers.AsNoTracking()
            .Where(o => ids.Contains(o.Entry!.PatientId) && o.ExpiresUtc > now
                && (o.Status == Domain.Waitlist.WaitlistOfferStatus.Open || o.Status == Domain.Waitlist.WaitlistOfferStatus.JustTaken))
            .OrderByDescending(o => o.OfferedUtc).ThenByDescending(o => o.Id)
            .Select(o => new { o.Id, o.EntryId, o.Entry!.PatientId })
            .FirstOrDefaultAsync(cancellationToken);
        return offer is null ? null : (offer.Id, offer.EntryId, offer.PatientId);
    }

    private async Task TakeOfferAsync(InboundMessage inbound, (int Id, int EntryId, int PatientId) offer, string language, DateTime now, CancellationToken cancellationToken)
    {
        // The booking core clears what the context tracks: keep the message first, then accept, then record the outcome.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return; // the same webhook twice at once: the other request acts
        }

        var outcome = await waitlist.AcceptAsync(offer.Id, cancellationToken);
        db.ChangeTracker.Clear();
        var stored = await db.InboundMessages.FirstAsync(m => m.Id == inbound.Id, cancellationToken);
        stored.ReadUtc = now;
        var clinic = settings.Contact;
        string answer;
        switch (outcome)
        {
            case Outcome.Done done:
                stored.AppointmentId = done.AppointmentId;
                stored.Outcome = "Waitlist offer taken by the patient's reply";
                answer = TextTemplates.Answers.Render(TextTemplates.Answers.OfferTaken, language, clinic.Name, TextTemplates.Ltr(done.Reference ?? "", language));
                break;
            case Outcome.Refused { Taken: true }:
                stored.Outcome = "Waitlist offer already taken by another patient";
                answer = TextTemplates.Answers.Render(TextTemplates.Answers.OfferJustTaken, language, clinic.Name);
                break;
            default:
                stored.Outcome = "Waitlist offer no longer open";
                answer = TextTemplates.Answers.Render(TextTemplates.Answers.OfferGone, language, clinic.Name, TextTemplates.Ltr(clinic.Phone, language));
                break;
        }

        audit.Record(AuditActions.WaitlistOfferReply, AuditEntityTypes.WaitlistEntry, offer.EntryId, offer.PatientId,
            $"Reply 1 to a waitlist offer ({ContactChannels.Label(stored.Channel)}): {stored.Outcome}");
        Answer(stored, null, language, answer);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Inbound {Channel} message {InboundMessageId} answered waitlist offer {OfferId}: {Outcome}", stored.Channel, stored.Id, offer.Id, outcome.GetType().Name);
    }

    private async Task ActAsync(InboundMessage inbound, PatientReplyKind kind, string? reference, List<Domain.Patients.Patient> patients, DateTime now, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case PatientReplyKind.Stop or PatientReplyKind.Start:
                foreach (var patient in patients)
                {
                    patient.TextOptOutUtc = kind == PatientReplyKind.Stop ? now : null;
                    patient.Version = Guid.NewGuid();
                    audit.Record(kind == PatientReplyKind.Stop ? AuditActions.MessagesStopped : AuditActions.MessagesStarted, AuditEntityTypes.Patient, patient.Id, patient.Id,
                        kind == PatientReplyKind.Stop ? $"Patient {patient.Id} replied STOP: no WhatsApp or SMS" : $"Patient {patient.Id} replied START: texts again");
                }

                inbound.ReadUtc = now;
                inbound.Outcome = kind == PatientReplyKind.Stop ? "Texts switched off (STOP)" : "Texts switched on again (START)";
                // A shared family number: Urdu only when everyone on it prefers Urdu, else English. Names are never
                // used to choose or said, so the answer tells nobody who else shares the number.
                var language = patients.TrueForAll(p => p.PreferredLanguage == PatientLanguage.Urdu) ? TextTemplates.Urdu : TextTemplates.English;
                Answer(inbound, null, language, kind == PatientReplyKind.Stop
                    ? TextTemplates.Answers.Render(TextTemplates.Answers.Stopped, language, settings.Contact.Name,
                        TextTemplates.Answers.Channel(inbound.Channel, language), TextTemplates.Ltr("START", language))
                    : TextTemplates.Answers.Render(TextTemplates.Answers.Started, language, settings.Contact.Name, TextTemplates.Ltr("STOP", language)));
                return;

            case PatientReplyKind.Confirm or PatientReplyKind.Cancel or PatientReplyKind.CallMe:
                var ids = patients.Select(p => p.Id).ToList();
                var upcoming = await db.Appointments
                    .Where(a => ids.Contains(a.PatientId) && a.Status == AppointmentStatus.Booked && a.StartUtc > now)
                    .Where(a => reference != null ? a.Reference == reference : a.ReminderQueuedUtc != null)
                    .OrderBy(a => a.StartUtc)
                    .ToListAsync(cancellationToken);
                if (upcoming.Count == 0)
                {
                    inbound.Outcome = "A reply, but no upcoming appointment to apply it to";
                    return;
                }

                if (upcoming.Count > 1)
                {
                    // A family's shared number: ask which one, by time and reference, naming nobody.
                    inbound.ReadUtc = now;
                    inbound.Outcome = "Asked which appointment";
                    // Urdu only when every listed appointment (or everyone on the number) is Urdu, else English: the
                    // choice never depends on, nor reveals, who the appointments are for.
                    var listLanguage = upcoming.TrueForAll(a => a.Language == PatientLanguage.Urdu) || patients.TrueForAll(p => p.PreferredLanguage == PatientLanguage.Urdu)
                        ? TextTemplates.Urdu : TextTemplates.English;
                    var number = kind switch { PatientReplyKind.Confirm => 1, PatientReplyKind.Cancel => 2, _ => 3 };
                    var list = string.Join(TextTemplates.Answers.Separator(listLanguage), upcoming.Select(a => TextTemplates.Answers.Render(TextTemplates.Answers.WhichLine, listLanguage,
                        TextTemplates.Ltr(string.Create(CultureInfo.InvariantCulture, $"{number} {a.Reference}"), listLanguage), When(a.StartUtc, listLanguage))));
                    Answer(inbound, null, listLanguage, TextTemplates.Answers.Render(TextTemplates.Answers.WhichOne, listLanguage, settings.Contact.Name,
                        upcoming.Count.ToString(CultureInfo.InvariantCulture), list));
                    return;
                }

                await ReplyForAsync(inbound, kind, upcoming[0], now, cancellationToken);
                return;

            default:
                inbound.Outcome = null; // for reception
                return;
        }
    }

    private async Task ReplyForAsync(InboundMessage inbound, PatientReplyKind kind, Appointment appointment, DateTime now, CancellationToken cancellationToken)
    {
        inbound.AppointmentId = appointment.Id;
        var clinic = settings.Contact;
        // About one appointment: in the language it was booked in, as every other message about it.
        var language = appointment.Language.Code();
        var reference = TextTemplates.Ltr(appointment.Reference, language);
        switch (kind)
        {
            case PatientReplyKind.Confirm:
                appointment.PatientConfirmedUtc ??= now;
                appointment.Version = Guid.NewGuid();
                audit.Record(AuditActions.ReplyConfirmed, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
                    $"{appointment.Reference} confirmed by the patient's reply ({ContactChannels.Label(inbound.Channel)})");
                inbound.ReadUtc = now;
                inbound.Outcome = "Confirmed by patient";
                Answer(inbound, appointment, language,
                    TextTemplates.Answers.Render(TextTemplates.Answers.Confirmed, language, clinic.Name, reference, When(appointment.StartUtc, language)));
                return;

            case PatientReplyKind.Cancel when now < appointment.StartUtc - settings.CancellationCutoff:
                // The booking core cancels, audits and tells the patient (the cancellation message is the answer).
                if (await booking.StageCancellationAsync(appointment, "Cancelled by the patient's reply", "by the patient's reply", notifyPatient: true, cancellationToken) is { } refusal)
                {
                    inbound.Outcome = "Cancel request refused: " + refusal;
                    return;
                }

                audit.Record(AuditActions.ReplyCancelled, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
                    $"{appointment.Reference} cancelled by the patient's reply ({ContactChannels.Label(inbound.Channel)})");
                inbound.ReadUtc = now;
                inbound.Outcome = "Cancelled by patient";
                return;

            case PatientReplyKind.Cancel:
                audit.Record(AuditActions.ReplyCancelRefused, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
                    $"{appointment.Reference}: the patient asked to cancel after the cutoff; reception to call");
                inbound.Outcome = "Asked to cancel after the cutoff: please call the patient";
                Answer(inbound, appointment, language,
                    TextTemplates.Answers.Render(TextTemplates.Answers.TooLateToCancel, language, clinic.Name, reference, TextTemplates.Ltr(clinic.Phone, language)));
                return;

            default:
                audit.Record(AuditActions.ReplyCallMe, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
                    $"{appointment.Reference}: the patient asked to be called");
                inbound.Outcome = "Asked to be called";
                Answer(inbound, appointment, language, TextTemplates.Answers.Render(TextTemplates.Answers.WillCall, language, clinic.Name, reference));
                return;
        }
    }

    // The patient just wrote, so the WhatsApp 24-hour window is open: plain text is allowed.
    private void Answer(InboundMessage inbound, Appointment? appointment, string language, string text)
    {
        var message = new OutboxMessage
        {
            Kind = ReplyKind,
            Channel = inbound.Channel,
            ToAddress = inbound.FromPhone,
            Subject = ReplyKind,
            TextBody = text,
            Template = TextTemplates.FreeText,
            Language = language,
        };
        if (appointment is null)
        {
            outbox.Add(message);
        }
        else
        {
            outbox.Add(message, appointment);
        }
    }

    private string When(DateTime utc, string language) => TextTemplates.Answers.When(utc, settings.Contact.TimeZone, language);

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;
}
