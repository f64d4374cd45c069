using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// After a text failed for good (the provider refused it at once, or reported it failed later by webhook), the same
/// words go once on the next channel. Callers run it in the transaction that marks the failure, and only when their
/// conditional update marked it, so two instances or a replayed webhook never queue it twice.
/// </summary>
public sealed class MessageFallback(TextSenders texts)
{
    /// <summary>
    /// Queues the same message on the next channel that can reach the appointment's patient (WhatsApp, then SMS, then
    /// email), or nothing when none is left. Returns the channel it queued on.
    /// </summary>
    public async Task<ContactChannel?> QueueAsync(ClinicDbContext db, OutboxMessage failed, DateTime now)
    {
        if (failed.AppointmentId is not { } appointmentId || failed.Template is null || failed.Template == TextTemplates.FreeText)
        {
            return null;
        }

        var patient = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => a.Patient).FirstOrDefaultAsync(CancellationToken.None);
        if (patient is null)
        {
            return null;
        }

        var order = ContactChannels.FallbackOrder;
        var next = order.Skip(order.ToList().IndexOf(failed.Channel) + 1)
            .Where(c => texts.Enabled.Contains(c) && ContactChannels.CanReach(patient, c))
            .Cast<ContactChannel?>()
            .FirstOrDefault();
        if (next is not { } channel)
        {
            return null;
        }

        var parameters = TextTemplates.ReadParameters(failed.TemplateParameters);
        var language = failed.Language ?? TextTemplates.English;
        var text = TextTemplates.Render(failed.Template, language, parameters, channel);
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = failed.Kind,
            Channel = channel,
            AppointmentId = failed.AppointmentId,
            ToAddress = ContactChannels.AddressFor(patient, channel)!,
            ToName = channel == ContactChannel.Email ? (patient.FullName.Length <= OutboxMessage.NameMaxLength ? patient.FullName : patient.FullName[..OutboxMessage.NameMaxLength]) : "",
            Subject = failed.Subject,
            TextBody = text,
            Template = failed.Template,
            Language = language,
            TemplateParameters = failed.TemplateParameters,
            FallbackOfMessageId = failed.Id,
            CreatedUtc = now,
            NextAttemptUtc = now,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return channel;
    }

}
