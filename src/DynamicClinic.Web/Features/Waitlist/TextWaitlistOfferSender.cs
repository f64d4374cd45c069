using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Waitlist;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Treatments;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>
/// Texts each offer to its patient by their first channel (WhatsApp, then SMS) through the outbox: "reply 1 to take
/// it". No treatment name unless the admin setting names treatments. A reply "1" reaches
/// <see cref="WaitlistDesk.AcceptAsync"/> through the webhook (<c>PatientReplies</c>). Patients reached only by email, or
/// with texts switched off, are on reception's list as before.
/// </summary>
public sealed class TextWaitlistOfferSender(
    ClinicDbContext db,
    EmailOutbox outbox,
    TextSenders texts,
    ClinicSettingsService settings) : IWaitlistOfferSender
{
    public const string Kind = "WaitlistOffer";

    public async Task SendAsync(IReadOnlyList<WaitlistOffer> offers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (offers.Count == 0 || texts.Enabled.Count == 0)
        {
            return;
        }

        await settings.GetAsync(cancellationToken);
        var entryIds = offers.Select(o => o.EntryId).ToList();
        var entries = await db.WaitlistEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, Patient = e.Patient!, Treatment = e.Treatment!.Name, e.Treatment.Slug })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var namesTreatment = settings.MessagesNameTreatment;
        var zone = settings.Contact.TimeZone;
        foreach (var offer in offers)
        {
            if (!entries.TryGetValue(offer.EntryId, out var entry)
                || ContactChannels.Chain(entry.Patient, texts.Enabled) is not [var channel, ..] || channel == ContactChannel.Email)
            {
                continue;
            }

            // In the language the patient chose when they booked (as every other message to them), English if never asked.
            var urdu = entry.Patient.PreferredLanguage == PatientLanguage.Urdu;
            var language = (entry.Patient.PreferredLanguage ?? PatientLanguage.English).Code();
            var (date, time) = TextTemplates.DateAndTime(offer.StartUtc, zone, language);
            var (_, until) = TextTemplates.DateAndTime(offer.ExpiresUtc, zone, language);
            List<string> parameters = [settings.Contact.Name, date, time, until];
            if (namesTreatment)
            {
                parameters.Add(TreatmentCatalogue.NameFor(entry.Slug, entry.Treatment, urdu));
            }

            var name = TextTemplates.Name(TextTemplates.WaitlistOffer, namesTreatment);
            outbox.Add(new OutboxMessage
            {
                Kind = Kind,
                Channel = channel,
                ToAddress = entry.Patient.PhoneE164,
                // Not personal: the sender's logs name messages by kind and offer.
                Subject = $"{Kind} {offer.Id}",
                TextBody = TextTemplates.Render(name, language, parameters, channel),
                Template = name,
                Language = language,
                TemplateParameters = TextTemplates.SerialiseParameters(parameters),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
