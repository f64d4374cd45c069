using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>Billing for admins: treatment prices, the consultation fee, products, payment methods and who sees money.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class BillingAdminController(BillingAdmin admin) : StaffControllerBase
{
    public const string Path = "/staff/admin/billing";

    [HttpGet(Path)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("BillingAdmin", await admin.PageAsync(cancellationToken));

    [HttpPost(Path + "/prices")]
    public async Task<IActionResult> Price(PriceForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.SetPriceAsync(form, cancellationToken), m => m with { Price = form }, cancellationToken);

    [HttpPost(Path + "/products")]
    public async Task<IActionResult> AddProduct(ProductForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.AddProductAsync(form, cancellationToken), m => m with { Product = form }, cancellationToken);

    [HttpPost(Path + "/products/{id:int}")]
    public async Task<IActionResult> EditProduct(int id, ProductForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.EditProductAsync(id, form, cancellationToken), m => m with { Product = form, EditingProductId = id }, cancellationToken);

    [HttpPost(Path + "/products/{id:int}/active")]
    public async Task<IActionResult> ProductActive(int id, bool active, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.SetProductActiveAsync(id, active, cancellationToken), null, cancellationToken);

    [HttpPost(Path + "/methods")]
    public async Task<IActionResult> AddMethod(MethodForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.AddMethodAsync(form, cancellationToken), m => m with { Method = form }, cancellationToken);

    [HttpPost(Path + "/methods/{id:int}/active")]
    public async Task<IActionResult> MethodActive(int id, bool active, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.SetMethodActiveAsync(id, active, cancellationToken), null, cancellationToken);

    [HttpPost(Path + "/settings")]
    public async Task<IActionResult> Settings(BillingSettingsForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(await admin.SaveSettingsAsync(form, cancellationToken), m => m with { Form = form }, cancellationToken);

    private async Task<IActionResult> OutcomeAsync(Outcome outcome, Func<BillingAdminPage, BillingAdminPage>? withForm, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(Path);
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Changed changed:
                // What is stored now, not what was typed: nobody overwrites a change they did not see.
                ViewData["Problem"] = changed.Message;
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.Clear();
                return View("BillingAdmin", await admin.PageAsync(cancellationToken));
            case Outcome.Refused refused when withForm is not null && refused.Field is not null:
                ModelState.AddModelError(refused.Field, refused.Message);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("BillingAdmin", withForm(await admin.PageAsync(cancellationToken)));
            default:
                TempData["Problem"] = outcome.MessageOr("Not found.");
                return Redirect(Path);
        }
    }
}
