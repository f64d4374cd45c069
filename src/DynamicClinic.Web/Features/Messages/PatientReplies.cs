using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Messaging;
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
            await TakeOfferAsync(inbound, offer, now, cancellationToken);
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

    private async Task TakeOfferAsync(InboundMessage inbound, (int Id, int EntryId, int PatientId) offer, DateTime now, CancellationToken cancellationToken)
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
                answer = $"{clinic.Name}: thank you, the time is yours. Your booking reference is {done.Reference}.";
                break;
            case Outcome.Refused { Taken: true }:
                stored.Outcome = "Waitlist offer already taken by another patient";
                answer = $"{clinic.Name}: sorry, that time was just taken by someone else. You stay on our waitlist for the next free time.";
                break;
            default:
                stored.Outcome = "Waitlist offer no longer open";
                answer = $"{clinic.Name}: sorry, that time is no longer available. Please call us on {clinic.Phone}.";
                break;
        }

        audit.Record(AuditActions.WaitlistOfferReply, AuditEntityTypes.WaitlistEntry, offer.EntryId, offer.PatientId,
            $"Reply 1 to a waitlist offer ({ContactChannels.Label(stored.Channel)}): {stored.Outcome}");
        Answer(stored, null, answer);
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
                Answer(inbound, null, kind == PatientReplyKind.Stop
                    ? $"{settings.Contact.Name}: you will get no more messages from us by {ContactChannels.Label(inbound.Channel)}. Reply START to receive them again."
                    : $"{settings.Contact.Name}: you will get appointment messages from us again. Reply STOP to end them.");
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
                    var number = kind switch { PatientReplyKind.Confirm => 1, PatientReplyKind.Cancel => 2, _ => 3 };
                    var list = string.Join("; ", upcoming.Select(a => $"{number} {a.Reference} for {When(a.StartUtc)}"));
                    Answer(inbound, null, $"{settings.Contact.Name}: this number has {upcoming.Count} appointments coming up. Please reply with one of: {list}.");
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
        switch (kind)
        {
            case PatientReplyKind.Confirm:
                appointment.PatientConfirmedUtc ??= now;
                appointment.Version = Guid.NewGuid();
                audit.Record(AuditActions.ReplyConfirmed, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
                    $"{appointment.Reference} confirmed by the patient's reply ({ContactChannels.Label(inbound.Channel)})");
                inbound.ReadUtc = now;
                inbound.Outcome = "Confirmed by patient";
                Answer(inbound, appointment, $"{clinic.Name}: thank you, your appointment {appointment.Reference} on {When(appointment.StartUtc)} is confirmed.");
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
                Answer(inbound, appointment, $"{clinic.Name}: it is too late to cancel {appointment.Reference} by message. Please call us on {clinic.Phone}.");
                return;

            default:
                audit.Record(AuditActions.ReplyCallMe, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
                    $"{appointment.Reference}: the patient asked to be called");
                inbound.Outcome = "Asked to be called";
                Answer(inbound, appointment, $"{clinic.Name}: thank you, we will call you about {appointment.Reference} soon.");
                return;
        }
    }

    // The patient just wrote, so the WhatsApp 24-hour window is open: plain text is allowed.
    private void Answer(InboundMessage inbound, Appointment? appointment, string text)
    {
        var message = new OutboxMessage
        {
            Kind = ReplyKind,
            Channel = inbound.Channel,
            ToAddress = inbound.FromPhone,
            Subject = ReplyKind,
            TextBody = text,
            Template = TextTemplates.FreeText,
            Language = TextTemplates.English,
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

    private string When(DateTime utc)
    {
        var (date, time) = TextTemplates.DateAndTime(utc, settings.Contact.TimeZone);
        return string.Create(CultureInfo.InvariantCulture, $"{date} at {time}");
    }

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;
}
