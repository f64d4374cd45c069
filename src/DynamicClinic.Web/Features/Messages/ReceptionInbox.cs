using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Messages;

public sealed record InboxPatient(int Id, string FullName);

public sealed record InboxItem(long Id, string Channel, string From, string When, string Body, string? Outcome, bool Unread, bool Answered, bool InWindow, IReadOnlyList<InboxPatient> Patients);

public sealed record InboxViewModel(IReadOnlyList<InboxItem> Items, string? Flash);

/// <summary>
/// Reception's inbox: what patients (and unknown numbers) wrote that the clinic did not act on by itself, newest first,
/// each matched to every record with that phone (a family number shows them all). An answer goes as plain text inside
/// WhatsApp's 24-hour window, else as the <c>clinic_reply</c> template asking the patient to write back; an unknown
/// number is never answered.
/// </summary>
public sealed class ReceptionInbox(ClinicDbContext db, EmailOutbox outbox, ClinicSettingsService settings, ClinicClock clock)
{
    public const int AnswerMaxLength = 1000;

    /// <summary>WhatsApp lets a business write freely for 24 hours after the patient's last message.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken) => db.InboundMessages.CountAsync(m => m.ReadUtc == null, cancellationToken);

    public async Task<InboxViewModel> ListAsync(string? flash, CancellationToken cancellationToken)
    {
        var messages = await db.InboundMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(100).ToListAsync(cancellationToken);
        var phones = messages.Select(m => m.FromPhone).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking()
            .Where(p => phones.Contains(p.PhoneE164) && p.MergedIntoPatientId == null && p.AnonymisedUtc == null)
            .Select(p => new { p.Id, p.FullName, p.PhoneE164 })
            .ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        var latest = messages.GroupBy(m => m.FromPhone).ToDictionary(g => g.Key, g => g.Max(m => m.ReceivedUtc));
        var items = messages.Select(m => new InboxItem(
            m.Id, ContactChannels.Label(m.Channel), PatientPhone.Display(m.FromPhone),
            clock.ToClinicTime(m.ReceivedUtc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture),
            m.Body, m.Outcome, m.ReadUtc is null, m.AnsweredByMessageId is not null, now - latest[m.FromPhone] < Window,
            patients.Where(p => p.PhoneE164 == m.FromPhone).Select(p => new InboxPatient(p.Id, p.FullName)).ToList())).ToList();
        return new InboxViewModel(items, flash);
    }

    public async Task<bool> MarkReadAsync(long id, CancellationToken cancellationToken) =>
        await db.InboundMessages.Where(m => m.Id == id && m.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadUtc, clock.UtcNow), cancellationToken) == 1;

    /// <summary>Queues reception's answer; a message from a number on no record is refused.</summary>
    public async Task<string> AnswerAsync(long id, string text, CancellationToken cancellationToken)
    {
        var inbound = await db.InboundMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (inbound is null)
        {
            return "That message no longer exists.";
        }

        if (!await db.Patients.AnyAsync(p => p.PhoneE164 == inbound.FromPhone && p.MergedIntoPatientId == null && p.AnonymisedUtc == null, cancellationToken))
        {
            return "This number is on no patient's record, so the clinic does not answer it by message. Call it if you need to.";
        }

        await settings.GetAsync(cancellationToken);
        var now = clock.UtcNow;
        var lastFromThem = await db.InboundMessages.Where(m => m.FromPhone == inbound.FromPhone).MaxAsync(m => m.ReceivedUtc, cancellationToken);
        var inWindow = inbound.Channel == ContactChannel.Sms || now - lastFromThem < Window;
        List<string> parameters = [settings.Contact.Name];
        var message = new OutboxMessage
        {
            Kind = PatientReplies.ReplyKind,
            Channel = inbound.Channel,
            ToAddress = inbound.FromPhone,
            Subject = PatientReplies.ReplyKind,
            // Outside the window WhatsApp allows only a template: it asks the patient to write back, then we answer.
            TextBody = inWindow ? text : TextTemplates.Render(TextTemplates.ClinicReply, TextTemplates.English, parameters, inbound.Channel),
            Template = inWindow ? TextTemplates.FreeText : TextTemplates.ClinicReply,
            Language = TextTemplates.English,
            TemplateParameters = inWindow ? null : TextTemplates.SerialiseParameters(parameters),
            AppointmentId = inbound.AppointmentId,
        };
        outbox.Add(message);
        inbound.ReadUtc ??= now;
        await db.SaveChangesAsync(cancellationToken);
        inbound.AnsweredByMessageId = message.Id;
        await db.SaveChangesAsync(cancellationToken);
        return inWindow ? "Answer sent." : "The patient last wrote over 24 hours ago: they were sent a message asking them to reply, so we can answer.";
    }
}
