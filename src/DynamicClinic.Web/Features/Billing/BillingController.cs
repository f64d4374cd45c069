using System.Globalization;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>
/// Invoices at the desk: draft, lines, discount, issue, payments, refunds, credit notes, and the printable invoice and
/// receipts. Front desk (reception and admins); refunds need an admin or an allowed front desk lead.
/// </summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class BillingController(BillingDesk desk, BillingPages pages, PaymentReceipts receipts) : StaffControllerBase
{
    public static string LinkFor(int invoiceId) => "/staff/billing/invoices/" + invoiceId.ToString(CultureInfo.InvariantCulture);

    private BillingActor Actor => BillingActor.From(User);

    [HttpGet("/staff/billing/invoices/{id:int}")]
    public async Task<IActionResult> Invoice(int id, CancellationToken cancellationToken)
    {
        var model = await pages.InvoiceAsync(id, Actor, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/billing/patients/{patientId:int}/invoices")]
    public async Task<IActionResult> Draft(int patientId, CancellationToken cancellationToken) =>
        await OutcomeAsync(0, await desk.DraftAsync(patientId, cancellationToken), null, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/lines")]
    public async Task<IActionResult> AddLine(int id, LineForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.AddLineAsync(id, form, cancellationToken), m => m with { Line = form }, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/lines/{lineId:int}/remove")]
    public async Task<IActionResult> RemoveLine(int id, int lineId, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.RemoveLineAsync(id, lineId, cancellationToken), null, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/discount")]
    public async Task<IActionResult> Discount(int id, DiscountForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.SetDiscountAsync(id, form, cancellationToken), m => m with { Discount = form }, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/issue")]
    public async Task<IActionResult> Issue(int id, string? version, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.IssueAsync(id, version, cancellationToken), null, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/credit")]
    public async Task<IActionResult> Credit(int id, string? version, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.CreditAsync(id, version, cancellationToken), null, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/payments")]
    public async Task<IActionResult> Pay(int id, PaymentForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.TakePaymentAsync(id, form, cancellationToken), m => m with { Payment = form }, cancellationToken);

    [HttpPost("/staff/billing/invoices/{id:int}/payments/{paymentId:int}/refund")]
    public async Task<IActionResult> Refund(int id, int paymentId, RefundForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await desk.RefundAsync(id, paymentId, form, cancellationToken), m => m with { Refund = form, RefundPaymentId = paymentId }, cancellationToken);

    [HttpGet("/staff/billing/courses/{id:int}")]
    public async Task<IActionResult> Course(int id, CancellationToken cancellationToken)
    {
        var model = await pages.CourseAsync(id, Actor, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/billing/courses/{id:int}/refund")]
    public async Task<IActionResult> RefundCourse(int id, CourseRefundForm form, CancellationToken cancellationToken)
    {
        var outcome = await desk.RefundCourseAsync(id, form, cancellationToken);
        var link = "/staff/billing/courses/" + id.ToString(CultureInfo.InvariantCulture);
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(link);
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Forbidden:
                return Forbid();
            case Outcome.Refused { Field: not null } refused:
                {
                    var model = await pages.CourseAsync(id, Actor, cancellationToken);
                    if (model is null)
                    {
                        return NotFound();
                    }

                    ModelState.AddModelError(refused.Field, refused.Message);
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    return View("Course", model with { Form = form });
                }

            default:
                TempData["Problem"] = outcome.MessageOr("Not found.");
                return Redirect(link);
        }
    }

    /// <summary>Sends a payment's receipt to the patient by their channel, once.</summary>
    [HttpPost("/staff/billing/invoices/{id:int}/payments/{paymentId:int}/receipt")]
    public async Task<IActionResult> SendReceipt(int id, int paymentId, CancellationToken cancellationToken) =>
        await OutcomeAsync(id, await receipts.SendAsync(id, paymentId, cancellationToken), null, cancellationToken);

    /// <summary>The invoice to print, on A4 or an 80 mm receipt roll; a payment's receipt when <paramref name="payment"/> is given.</summary>
    [HttpGet("/staff/billing/invoices/{id:int}/print")]
    public async Task<IActionResult> Print(int id, string? paper, int? payment, CancellationToken cancellationToken)
    {
        var model = await pages.InvoiceAsync(id, Actor, cancellationToken);
        if (model is null || model.Invoice.Number is null || (payment is { } p && model.Payments.All(x => x.Id != p)))
        {
            return NotFound();
        }

        return View(new PrintPage(model, paper == "80mm" ? "80mm" : "a4", payment));
    }

    private async Task<IActionResult> OutcomeAsync(int id, Outcome outcome, Func<InvoicePage, InvoicePage>? withForm, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(LinkFor(int.Parse(done.Reference!, CultureInfo.InvariantCulture)));
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Forbidden:
                return Forbid();
            case Outcome.Changed changed:
                TempData["Problem"] = changed.Message;
                return Redirect(LinkFor(id));
            case Outcome.Refused refused when withForm is not null && refused.Field is not null:
                {
                    // The form again as typed, the message beside its field; nothing was saved.
                    var model = await pages.InvoiceAsync(id, Actor, cancellationToken);
                    if (model is null)
                    {
                        return NotFound();
                    }

                    ModelState.AddModelError(refused.Field, refused.Message);
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    return View("Invoice", withForm(model));
                }

            default:
                TempData["Problem"] = outcome.MessageOr("Not found.");
                return Redirect(LinkFor(id));
        }
    }
}

public sealed record PrintPage(InvoicePage Page, string Paper, int? PaymentId);
