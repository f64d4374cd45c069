using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Text;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>
/// The desk's money work: drafting, editing, issuing and crediting invoices, taking payments and refunds. Each action is
/// one save: it is refused with a message (beside its field when it is about one) and writes nothing, or it is saved
/// with its audit entry. The invoice's version guards every change, so two desks never both change the same invoice.
/// </summary>
public sealed class BillingDesk(ClinicDbContext db, ClinicClock clock, AuditTrail audit, PaymentReceipts receipts, IHttpContextAccessor http, ILogger<BillingDesk> logger)
    : ICompletedAppointmentHandler
{
    public const string ChangedMessage = "Someone else changed this invoice a moment ago (perhaps a payment at another desk), so nothing was saved. Here it is as it stands now.";

    private const string NotPlain = "Remove the control or direction characters from this text.";

    private BillingActor Actor => BillingActor.From(http.HttpContext?.User);

    public Task<BillingSettings> SettingsAsync(CancellationToken cancellationToken) =>
        db.BillingSettings.AsNoTracking().SingleAsync(s => s.Id == BillingSettings.SingletonId, cancellationToken);

    /// <summary>
    /// A session of a plan the patient prepaid draws one session from their course; anything else gets a draft invoice
    /// with its price (the consultation fee for a consultation, the treatment's price on the day for a session).
    /// Added to the booking core's unit of work, saved with the status change.
    /// </summary>
    public async Task OnCompletedAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (appointment.SessionPlanId is not null)
        {
            var package = await db.CoursePackages.Include(p => p.Uses)
                .Where(p => p.PatientId == appointment.PatientId && p.TreatmentId == appointment.TreatmentId
                    && p.SessionsUsed + p.SessionsRefunded < p.SessionsBought)
                .OrderBy(p => p.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (package is not null && package.Draw(appointment.Id, clock.UtcNow) is null)
            {
                return;
            }
        }

        var exists = await db.Invoices.AnyAsync(i => i.AppointmentId == appointment.Id && i.Kind == InvoiceKind.Invoice && i.Status != InvoiceStatus.Credited, cancellationToken);
        if (exists)
        {
            return;
        }

        var invoice = Invoice.Draft(appointment.PatientId, appointment.Id, appointment.ClinicianId, clock.UtcNow);
        var treatmentName = await db.Treatments.Where(t => t.Id == appointment.TreatmentId).Select(t => t.Name).SingleAsync(cancellationToken);
        var day = DateOnly.FromDateTime(clock.ToClinicTime(appointment.StartUtc));
        if (appointment.SessionPlanId is null)
        {
            var fee = (await SettingsAsync(cancellationToken)).ConsultationFeeRupees;
            invoice.AddLine(new InvoiceLine { Kind = InvoiceLineKind.Consultation, Description = $"Consultation: {treatmentName}", UnitRupees = fee, TreatmentId = appointment.TreatmentId });
        }
        else if (await PriceOnAsync(appointment.TreatmentId, day, cancellationToken) is { } price)
        {
            invoice.AddLine(new InvoiceLine { Kind = InvoiceLineKind.Treatment, Description = $"{treatmentName} session", UnitRupees = price.Rupees, TreatmentId = appointment.TreatmentId });
        }

        db.Invoices.Add(invoice);
    }

    public async Task<Money?> PriceOnAsync(int treatmentId, DateOnly day, CancellationToken cancellationToken) =>
        TreatmentPrice.On(await db.TreatmentPrices.AsNoTracking().Where(p => p.TreatmentId == treatmentId && p.From <= day).ToListAsync(cancellationToken), day);

    public async Task<Outcome> DraftAsync(int patientId, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId && p.AnonymisedUtc == null, cancellationToken))
        {
            return new Outcome.NotFound();
        }

        var invoice = Invoice.Draft(patientId, null, null, clock.UtcNow);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        return Done("Draft invoice started.", invoice);
    }

    public async Task<Outcome> AddLineAsync(int invoiceId, LineForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var invoice = await LoadAsync(invoiceId, cancellationToken);
        if (invoice is null)
        {
            return new Outcome.NotFound();
        }

        if (Stale(invoice, form.Version))
        {
            return new Outcome.Changed(ChangedMessage);
        }

        var line = await LineFromAsync(form, cancellationToken);
        if (line.Problem is { } problem)
        {
            return problem;
        }

        if (invoice.AddLine(line.Line!) is { } refusal)
        {
            return new Outcome.Refused(refusal) { Field = "Amount" };
        }

        return await SaveAsync(invoice, "Line added.", cancellationToken);
    }

    public async Task<Outcome> RemoveLineAsync(int invoiceId, int lineId, CancellationToken cancellationToken)
    {
        var invoice = await LoadAsync(invoiceId, cancellationToken);
        if (invoice is null || invoice.Lines.All(l => l.Id != lineId))
        {
            return new Outcome.NotFound();
        }

        return invoice.RemoveLine(lineId) is { } refusal
            ? new Outcome.Refused(refusal)
            : await SaveAsync(invoice, "Line removed.", cancellationToken);
    }

    public async Task<Outcome> SetDiscountAsync(int invoiceId, DiscountForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var invoice = await LoadAsync(invoiceId, cancellationToken);
        if (invoice is null)
        {
            return new Outcome.NotFound();
        }

        if (Stale(invoice, form.Version))
        {
            return new Outcome.Changed(ChangedMessage);
        }

        if (!Enum.TryParse<DiscountKind>(form.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            return new Outcome.Refused("Choose an amount or a percentage.") { Field = "Kind" };
        }

        var value = 0m;
        if (kind != DiscountKind.None && !decimal.TryParse((form.DiscountValue ?? "").Replace(",", "", StringComparison.Ordinal).Trim(),
                NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return new Outcome.Refused("Enter the discount in figures, e.g. 10.") { Field = "DiscountValue" };
        }

        if (!TextRules.IsPlain(form.DiscountReason))
        {
            return new Outcome.Refused(NotPlain) { Field = "DiscountReason" };
        }

        var discount = new Discount(kind, value, (form.DiscountReason ?? "").Trim());
        if (discount.Reason.Length > Discount.ReasonMaxLength)
        {
            return new Outcome.Refused($"Keep the reason under {Discount.ReasonMaxLength} characters.") { Field = "DiscountReason" };
        }

        var limit = Actor.IsAdmin ? (decimal?)null : (await SettingsAsync(cancellationToken)).DiscountLimitPercent;
        if (invoice.SetDiscount(discount, limit) is { } refusal)
        {
            var field = string.IsNullOrWhiteSpace(discount.Reason) && kind != DiscountKind.None && value > 0 && refusal.Contains("reason", StringComparison.Ordinal)
                ? "DiscountReason" : "DiscountValue";
            return new Outcome.Refused(refusal) { Field = field };
        }

        return await SaveAsync(invoice, kind == DiscountKind.None ? "Discount removed." : "Discount given.", cancellationToken);
    }

    /// <summary>Issues the draft under the year's next number; a course line makes the patient's prepaid package.</summary>
    public async Task<Outcome> IssueAsync(int invoiceId, string? version, CancellationToken cancellationToken)
    {
        var actor = Actor;
        var strategy = db.Database.CreateExecutionStrategy();
        var ct = cancellationToken;
        return await strategy.ExecuteAsync<Outcome>(async () =>
        {
            for (var attempt = 0; ; attempt++)
            {
                db.ChangeTracker.Clear();
                var invoice = await LoadAsync(invoiceId, ct);
                if (invoice is null)
                {
                    return new Outcome.NotFound();
                }

                if (Stale(invoice, version))
                {
                    return new Outcome.Changed(ChangedMessage);
                }

                if (invoice.Status != InvoiceStatus.Draft || invoice.Lines.Count == 0)
                {
                    return new Outcome.Refused(invoice.Issue("-", clock.UtcNow, actor.Name) ?? "The invoice cannot be issued.");
                }

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var year = clock.Today.Year;
                if (await InvoiceNumbering.NextAsync(db, year, ct) is not { } next)
                {
                    await transaction.RollbackAsync(ct);
                    if (attempt < 3)
                    {
                        continue;
                    }

                    return new Outcome.Changed("Another desk was issuing at the same moment; please try again.");
                }

                invoice.Issue(InvoiceNumbers.Format(year, next), clock.UtcNow, actor.Name);
                AddPackages(invoice);
                audit.Record(AuditActions.InvoiceIssued, AuditEntityTypes.Invoice, invoice.Id, invoice.PatientId,
                    $"Invoice {invoice.Number} issued for {invoice.Total}", null, new { invoice.Number, Total = invoice.Total.ToPlain() });
                try
                {
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear();
                    return new Outcome.Changed(ChangedMessage);
                }

                logger.LogInformation("Invoice {InvoiceId} issued as {InvoiceNumber}", invoice.Id, invoice.Number);
                return Done($"Issued as {invoice.Number}.", invoice);
            }
        });
    }

    /// <summary>Cancels an issued invoice with a credit note, numbered from the same sequence.</summary>
    public async Task<Outcome> CreditAsync(int invoiceId, string? version, CancellationToken cancellationToken)
    {
        var actor = Actor;
        var strategy = db.Database.CreateExecutionStrategy();
        var ct = cancellationToken;
        return await strategy.ExecuteAsync<Outcome>(async () =>
        {
            db.ChangeTracker.Clear();
            var invoice = await LoadAsync(invoiceId, ct);
            if (invoice is null)
            {
                return new Outcome.NotFound();
            }

            if (Stale(invoice, version))
            {
                return new Outcome.Changed(ChangedMessage);
            }

            var note = invoice.CreditNote(clock.UtcNow, out var refusal);
            if (note is null)
            {
                return new Outcome.Refused(refusal!);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var year = clock.Today.Year;
            var next = await InvoiceNumbering.NextAsync(db, year, ct);
            if (next is null)
            {
                return new Outcome.Changed("Another desk was issuing at the same moment; please try again.");
            }

            note.Issue(InvoiceNumbers.Format(year, next.Value), clock.UtcNow, actor.Name);
            db.Invoices.Add(note);
            audit.Record(AuditActions.InvoiceCredited, AuditEntityTypes.Invoice, invoice.Id, invoice.PatientId,
                $"Invoice {invoice.Number} cancelled by credit note {note.Number}", new { Status = "Issued" }, new { Status = "Credited", CreditNote = note.Number });
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new Outcome.Changed(ChangedMessage);
            }

            var paid = invoice.Paid.IsZero ? "" : $" {invoice.Paid} was paid: refund it if the patient is owed it.";
            return Done($"Credit note {note.Number} issued.{paid}", invoice);
        });
    }

    public async Task<Outcome> TakePaymentAsync(int invoiceId, PaymentForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var invoice = await LoadAsync(invoiceId, cancellationToken);
        if (invoice is null)
        {
            return new Outcome.NotFound();
        }

        if (!Money.TryParse(form.Amount, out var amount, out var problem))
        {
            return new Outcome.Refused(problem) { Field = "Amount" };
        }

        var method = await db.PaymentMethods.AsNoTracking().SingleOrDefaultAsync(m => m.Id == form.MethodId && m.IsActive, cancellationToken);
        if (method is null)
        {
            return new Outcome.Refused("Choose how the patient paid.") { Field = "MethodId" };
        }

        if (!TextRules.IsPlain(form.Reference))
        {
            return new Outcome.Refused(NotPlain) { Field = "Reference" };
        }

        var reference = string.IsNullOrWhiteSpace(form.Reference) ? null : form.Reference.Trim();
        if (method.NeedsReference && reference is null)
        {
            return new Outcome.Refused($"Enter the {method.Name} reference.") { Field = "Reference" };
        }

        if (reference?.Length > Payment.ReferenceMaxLength)
        {
            return new Outcome.Refused($"Keep the reference under {Payment.ReferenceMaxLength} characters.") { Field = "Reference" };
        }

        // Checked against the invoice as this desk saw it: a payment taken at another desk since then refuses this one
        // rather than letting both through (the version check at save catches the ones in flight).
        if (Stale(invoice, form.Version))
        {
            return new Outcome.Changed(ChangedMessage);
        }

        if (invoice.TakePayment(amount) is { } refusal)
        {
            return new Outcome.Refused(refusal) { Field = "Amount" };
        }

        var actor = Actor;
        var payment = new Payment
        {
            Invoice = invoice,
            PaymentMethodId = method.Id,
            Kind = PaymentKind.Payment,
            AmountRupees = amount.Rupees,
            Reference = reference,
            TakenUtc = clock.UtcNow,
            TakenByUserId = actor.UserId,
            TakenByName = actor.Name,
        };
        db.Payments.Add(payment);
        // The admins may have the receipt go to the patient with the payment, in the same save (so once).
        var sent = (await SettingsAsync(cancellationToken)).SendReceiptOnPayment && await receipts.AddAsync(invoice, payment, method.Name, cancellationToken);
        audit.Record(AuditActions.PaymentTaken, AuditEntityTypes.Invoice, invoice.Id, invoice.PatientId,
            $"{amount} by {method.Name} on {invoice.Number}", new { Paid = (invoice.Paid - amount).ToPlain() }, new { Paid = invoice.Paid.ToPlain() });
        return await SaveAsync(invoice, (invoice.Balance.IsZero ? $"{amount} taken. Paid in full." : $"{amount} taken. {invoice.Balance} still to pay.")
            + (sent ? " The receipt is on its way to the patient." : ""), cancellationToken);
    }

    /// <summary>Gives back some or all of a payment: admins, and front desk leads if the admins allow it.</summary>
    public async Task<Outcome> RefundAsync(int invoiceId, int paymentId, RefundForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var actor = Actor;
        var settings = await SettingsAsync(cancellationToken);
        if (!actor.IsAdmin && !(actor.IsLead && settings.FrontDeskLeadsMayRefund))
        {
            return new Outcome.Forbidden();
        }

        var invoice = await LoadAsync(invoiceId, cancellationToken);
        var original = await db.Payments.AsNoTracking().Include(p => p.PaymentMethod)
            .SingleOrDefaultAsync(p => p.Id == paymentId && p.InvoiceId == invoiceId && p.Kind == PaymentKind.Payment, cancellationToken);
        if (invoice is null || original is null)
        {
            return new Outcome.NotFound();
        }

        if (!Money.TryParse(form.RefundAmount, out var amount, out var problem))
        {
            return new Outcome.Refused(problem) { Field = "RefundAmount" };
        }

        if (!TextRules.IsPlain(form.RefundReason))
        {
            return new Outcome.Refused(NotPlain) { Field = "RefundReason" };
        }

        var reason = (form.RefundReason ?? "").Trim();
        if (reason.Length == 0 || reason.Length > Payment.ReasonMaxLength)
        {
            return new Outcome.Refused(reason.Length == 0 ? "Give a reason for the refund." : $"Keep the reason under {Payment.ReasonMaxLength} characters.") { Field = "RefundReason" };
        }

        var refunded = Money.Sum((await db.Payments.Where(p => p.RefundOfPaymentId == paymentId).Select(p => p.AmountRupees).ToListAsync(cancellationToken)).Select(Money.Of));
        if (invoice.Refund(amount, original.Amount - refunded) is { } refusal)
        {
            return new Outcome.Refused(refusal) { Field = "RefundAmount" };
        }

        db.Payments.Add(new Payment
        {
            Invoice = invoice,
            PaymentMethodId = original.PaymentMethodId,
            Kind = PaymentKind.Refund,
            AmountRupees = amount.Rupees,
            Reason = reason,
            RefundOfPaymentId = original.Id,
            TakenUtc = clock.UtcNow,
            TakenByUserId = actor.UserId,
            TakenByName = actor.Name,
        });
        audit.Record(AuditActions.PaymentRefunded, AuditEntityTypes.Invoice, invoice.Id, invoice.PatientId,
            $"{amount} refunded by {original.PaymentMethod!.Name} on {invoice.Number}: {reason}",
            new { Paid = (invoice.Paid + amount).ToPlain() }, new { Paid = invoice.Paid.ToPlain() });
        return await SaveAsync(invoice, $"{amount} refunded.", cancellationToken);
    }

    /// <summary>
    /// Gives back unused sessions of a prepaid course by the admins' rule (<see cref="CourseRefundRule"/>): admins, and
    /// front desk leads if the admins allow it. The money leaves the course's invoice as a refund, the sessions can no
    /// longer be drawn, and a course with none left is closed. One save with its audit entry, or nothing.
    /// </summary>
    public async Task<Outcome> RefundCourseAsync(int packageId, CourseRefundForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var actor = Actor;
        var settings = await SettingsAsync(cancellationToken);
        if (!actor.IsAdmin && !(actor.IsLead && settings.FrontDeskLeadsMayRefund))
        {
            return new Outcome.Forbidden();
        }

        var package = await db.CoursePackages.SingleOrDefaultAsync(p => p.Id == packageId, cancellationToken);
        if (package is null)
        {
            return new Outcome.NotFound();
        }

        if (form.Version is not null && !string.Equals(form.Version, package.Version.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome.Changed("A session was drawn from this course (or it was refunded) a moment ago, so nothing was saved. Here it is as it stands now.");
        }

        if (package.SessionsLeft <= 0)
        {
            return new Outcome.Refused("No unused sessions are left to refund.") { Field = "Sessions" };
        }

        if (!int.TryParse((form.Sessions ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sessions) || sessions < 1 || sessions > package.SessionsLeft)
        {
            return new Outcome.Refused($"Enter a number of sessions from 1 to {package.SessionsLeft}.") { Field = "Sessions" };
        }

        var method = await db.PaymentMethods.AsNoTracking().SingleOrDefaultAsync(m => m.Id == form.MethodId && m.IsActive, cancellationToken);
        if (method is null)
        {
            return new Outcome.Refused("Choose how the money is given back.") { Field = "MethodId" };
        }

        if (!TextRules.IsPlain(form.Reason))
        {
            return new Outcome.Refused(NotPlain) { Field = "Reason" };
        }

        var reason = (form.Reason ?? "").Trim();
        if (reason.Length == 0 || reason.Length > Payment.ReasonMaxLength - 40)
        {
            return new Outcome.Refused(reason.Length == 0 ? "Give a reason for the refund." : $"Keep the reason under {Payment.ReasonMaxLength - 40} characters.") { Field = "Reason" };
        }

        var invoice = await LoadAsync(package.InvoiceId, cancellationToken);
        if (invoice is null)
        {
            return new Outcome.NotFound();
        }

        var amount = package.RefundFor(sessions, CourseRefundRule.From(settings));
        if (invoice.RefundUnusedSessions(amount) is { } refusal)
        {
            return new Outcome.Refused(refusal) { Field = "Sessions" };
        }

        package.RefundUnused(sessions);
        db.Payments.Add(new Payment
        {
            Invoice = invoice,
            PaymentMethodId = method.Id,
            Kind = PaymentKind.Refund,
            AmountRupees = amount.Rupees,
            Reason = $"{sessions} unused course session{(sessions == 1 ? "" : "s")}: {reason}",
            TakenUtc = clock.UtcNow,
            TakenByUserId = actor.UserId,
            TakenByName = actor.Name,
        });
        audit.Record(AuditActions.CourseRefunded, AuditEntityTypes.CoursePackage, package.Id, package.PatientId,
            $"{sessions} unused session{(sessions == 1 ? "" : "s")} refunded as {amount} by {method.Name} on {invoice.Number}: {reason}",
            new { SessionsLeft = package.SessionsLeft + sessions }, new { package.SessionsLeft, Refunded = amount.ToPlain() });
        var outcome = await SaveAsync(invoice, "", cancellationToken);
        return outcome is Outcome.Done
            ? new Outcome.Done($"{amount} refunded for {sessions} unused session{(sessions == 1 ? "" : "s")}." + (package.SessionsLeft == 0 ? " The course is closed." : ""))
            { Reference = package.Id.ToString(CultureInfo.InvariantCulture) }
            : outcome;
    }

    private static Outcome.Done Done(string message, Invoice invoice) =>
        new(message) { Reference = invoice.Id.ToString(CultureInfo.InvariantCulture) };

    private static bool Stale(Invoice invoice, string? version) =>
        version is not null && !string.Equals(version, invoice.Version.ToString(), StringComparison.OrdinalIgnoreCase);

    private Task<Invoice?> LoadAsync(int invoiceId, CancellationToken cancellationToken) =>
        db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);

    private void AddPackages(Invoice invoice)
    {
        foreach (var line in invoice.Lines.Where(l => l.Kind == InvoiceLineKind.Course && l.TreatmentId is not null && l.CourseSessions > 0))
        {
            // The course's share of the invoice's discount comes off its price, so a refund never pays back more than was paid.
            var share = invoice.Subtotal.IsZero ? 0 : line.Amount.Rupees * invoice.Total.Rupees / invoice.Subtotal.Rupees;
            db.CoursePackages.Add(new CoursePackage
            {
                PatientId = invoice.PatientId,
                TreatmentId = line.TreatmentId!.Value,
                InvoiceId = invoice.Id,
                SessionsBought = line.CourseSessions!.Value * line.Quantity,
                PriceRupees = Money.Of(share).Rupees,
                CreatedUtc = clock.UtcNow,
            });
        }
    }

    private async Task<(InvoiceLine? Line, Outcome.Refused? Problem)> LineFromAsync(LineForm form, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<InvoiceLineKind>(form.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            return (null, new Outcome.Refused("Choose what the line is for.") { Field = "Kind" });
        }

        if (!int.TryParse(form.Quantity ?? "1", NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > InvoiceLine.MaxQuantity)
        {
            return (null, new Outcome.Refused($"Enter a quantity from 1 to {InvoiceLine.MaxQuantity}.") { Field = "Quantity" });
        }

        var today = clock.Today;
        switch (kind)
        {
            case InvoiceLineKind.Consultation:
                {
                    var fee = (await SettingsAsync(cancellationToken)).ConsultationFeeRupees;
                    return (new InvoiceLine { Kind = kind, Description = "Consultation", Quantity = quantity, UnitRupees = fee }, null);
                }

            case InvoiceLineKind.Treatment or InvoiceLineKind.Course:
                {
                    var treatment = await db.Treatments.AsNoTracking().SingleOrDefaultAsync(t => t.Id == form.TreatmentId, cancellationToken);
                    if (treatment is null)
                    {
                        return (null, new Outcome.Refused("Choose a treatment.") { Field = "TreatmentId" });
                    }

                    if (await PriceOnAsync(treatment.Id, today, cancellationToken) is not { } price)
                    {
                        return (null, new Outcome.Refused($"{treatment.Name} has no price yet; an admin sets it under Billing, Prices.") { Field = "TreatmentId" });
                    }

                    if (kind == InvoiceLineKind.Treatment)
                    {
                        return (new InvoiceLine { Kind = kind, Description = $"{treatment.Name} session", Quantity = quantity, UnitRupees = price.Rupees, TreatmentId = treatment.Id }, null);
                    }

                    if (!int.TryParse(form.Sessions, NumberStyles.None, CultureInfo.InvariantCulture, out var sessions) || sessions is < 2 or > 30)
                    {
                        return (null, new Outcome.Refused("A course has from 2 to 30 sessions.") { Field = "Sessions" });
                    }

                    return (new InvoiceLine
                    {
                        Kind = kind,
                        Description = $"{treatment.Name} course of {sessions} sessions (prepaid)",
                        Quantity = quantity,
                        UnitRupees = (price * sessions).Rupees,
                        TreatmentId = treatment.Id,
                        CourseSessions = sessions,
                    }, null);
                }

            case InvoiceLineKind.Product:
                {
                    var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == form.ProductId && p.IsActive, cancellationToken);
                    return product is null
                        ? (null, new Outcome.Refused("Choose a product.") { Field = "ProductId" })
                        : (new InvoiceLine { Kind = kind, Description = product.Name, Quantity = quantity, UnitRupees = product.Rupees, ProductId = product.Id }, null);
                }

            default:
                {
                    if (!TextRules.IsPlain(form.Description))
                    {
                        return (null, new Outcome.Refused(NotPlain) { Field = "Description" });
                    }

                    var description = (form.Description ?? "").Trim();
                    if (description.Length is 0 or > InvoiceLine.DescriptionMaxLength)
                    {
                        return (null, new Outcome.Refused(description.Length == 0 ? "Say what the line is for." : $"Keep it under {InvoiceLine.DescriptionMaxLength} characters.") { Field = "Description" });
                    }

                    if (!Money.TryParse(form.Amount, out var amount, out var problem))
                    {
                        return (null, new Outcome.Refused(problem) { Field = "Amount" });
                    }

                    return (new InvoiceLine { Kind = InvoiceLineKind.Custom, Description = description, Quantity = quantity, UnitRupees = amount.Rupees }, null);
                }
        }
    }

    private async Task<Outcome> SaveAsync(Invoice invoice, string message, CancellationToken cancellationToken)
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
        catch (DbUpdateException exception) when (!DbErrors.IsUniqueViolation(exception))
        {
            // The database's own guard (paid never above the total) caught what the checks above missed.
            db.ChangeTracker.Clear();
            logger.LogWarning("Invoice {InvoiceId}: the database refused a change", invoice.Id);
            return new Outcome.Changed(ChangedMessage);
        }

        return Done(message, invoice);
    }
}
