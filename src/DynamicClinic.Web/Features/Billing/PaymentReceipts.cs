using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>
/// A payment's receipt sent to the patient by their channel (<see cref="ContactChannels.Chain"/>): a short WhatsApp or
/// SMS text (clinic, invoice number, amount paid, balance; nothing clinical) or an email with the same and the method.
/// Queued in the outbox in the caller's unit of work, and at most once per payment: the payment's ReceiptSentUtc is set
/// in the same save, by a conditional update when sent on request so two clicks at once send one.
/// </summary>
public sealed class PaymentReceipts(ClinicDbContext db, EmailOutbox outbox, TextSenders texts, ClinicSettingsService settings, ClinicClock clock, AuditTrail audit)
{
    public const string NoChannel = "The patient has no email address or mobile the clinic may message: print the receipt instead.";

    /// <summary>
    /// Adds the receipt of a payment about to be saved (the admins' "send on payment" setting). Nothing when the patient
    /// cannot be reached; the desk can print instead.
    /// </summary>
    public async Task<bool> AddAsync(Invoice invoice, Payment payment, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payment);
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == invoice.PatientId, cancellationToken);
        if (await MessageAsync(patient, invoice, payment, method, cancellationToken) is not { } message)
        {
            return false;
        }

        outbox.Add(message);
        payment.ReceiptSentUtc = clock.UtcNow;
        audit.Record(AuditActions.ReceiptSent, AuditEntityTypes.Invoice, invoice.Id, invoice.PatientId, $"Receipt for {payment.Amount} on {invoice.Number} sent by {Describe(message.Channel)}");
        return true;
    }

    /// <summary>Sends the receipt of a payment already taken ("Send receipt"): once; a second request is refused.</summary>
    public async Task<Outcome> SendAsync(int invoiceId, int paymentId, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.PaymentMethod).Include(p => p.Invoice)
            .SingleOrDefaultAsync(p => p.Id == paymentId && p.InvoiceId == invoiceId && p.Kind == PaymentKind.Payment, cancellationToken);
        if (payment?.Invoice is not { } invoice)
        {
            return new Outcome.NotFound();
        }

        if (payment.ReceiptSentUtc is { } sent)
        {
            return new Outcome.Refused($"The receipt for this payment was sent on {clock.ToClinicTime(sent).ToString("d MMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)}; it is sent once.");
        }

        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == invoice.PatientId, cancellationToken);
        if (await MessageAsync(patient, invoice, payment, payment.PaymentMethod!.Name, cancellationToken) is not { } message)
        {
            return new Outcome.Refused(NoChannel);
        }

        var now = clock.UtcNow;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Outcome>(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Claims the payment's one receipt: of two requests at once, one updates the row and the other finds it claimed.
            var claimed = await db.Payments.Where(p => p.Id == paymentId && p.ReceiptSentUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceiptSentUtc, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new Outcome.Refused("The receipt for this payment has just been sent; it is sent once.");
            }

            outbox.Add(message);
            audit.Record(AuditActions.ReceiptSent, AuditEntityTypes.Invoice, invoice.Id, invoice.PatientId, $"Receipt for {payment.Amount} on {invoice.Number} sent by {Describe(message.Channel)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.WakeSender();
            return new Outcome.Done($"Receipt sent by {Describe(message.Channel)}.") { Reference = invoice.Id.ToString(CultureInfo.InvariantCulture) };
        });
    }

    private static string Describe(ContactChannel channel) => channel switch
    {
        ContactChannel.WhatsApp => "WhatsApp",
        ContactChannel.Sms => "SMS",
        _ => "email",
    };

    private async Task<OutboxMessage?> MessageAsync(Patient patient, Invoice invoice, Payment payment, string method, CancellationToken cancellationToken)
    {
        if (ContactChannels.Chain(patient, texts.Enabled) is not [var channel, ..])
        {
            return null;
        }

        await settings.GetAsync(cancellationToken);
        var contact = settings.Contact;
        var number = invoice.Number ?? "";
        // The balance after this payment: what the invoice shows now.
        var balance = invoice.Balance;
        if (channel != ContactChannel.Email)
        {
            List<string> parameters = [contact.Name, number, payment.Amount.ToString(), balance.ToString()];
            return new OutboxMessage
            {
                Kind = EmailKinds.PaymentReceipt,
                Channel = channel,
                ToAddress = patient.PhoneE164,
                Subject = $"{EmailKinds.PaymentReceipt} {number}",
                TextBody = TextTemplates.Render(TextTemplates.PaymentReceipt, TextTemplates.English, parameters, channel),
                Template = TextTemplates.PaymentReceipt,
                Language = TextTemplates.English,
                TemplateParameters = TextTemplates.SerialiseParameters(parameters),
            };
        }

        var taken = clock.ToClinicTime(payment.TakenUtc == default ? clock.UtcNow : payment.TakenUtc);
        var body = new EmailBody()
            .Paragraph($"Dear {patient.FullName},")
            .Paragraph($"Thank you for your payment to {contact.Name}. This is your receipt.")
            .Details(
                ("Invoice", number),
                ("Paid", payment.Amount.ToString()),
                ("By", method + (payment.Reference is null ? "" : " (" + payment.Reference + ")")),
                ("On", taken.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)),
                ("Left to pay", balance.ToString()))
            .Lines(contact.Name, contact.Address, contact.Phone);
        var subject = $"Your receipt from {contact.Name}: {number}";
        return new OutboxMessage
        {
            Kind = EmailKinds.PaymentReceipt,
            ToAddress = patient.Email!,
            ToName = patient.FullName,
            Subject = subject,
            TextBody = body.Text,
            HtmlBody = body.Html(subject),
        };
    }
}
