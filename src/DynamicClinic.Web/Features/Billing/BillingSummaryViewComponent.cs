using DynamicClinic.Data;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>
/// A patient's balance, invoices and prepaid courses ("5 of 8 used"), on their record; only the courses on a plan's page.
/// Shown to the desk (reception, leads, admins); clinicians see the courses only.
/// </summary>
public sealed class BillingSummaryViewComponent(BillingPages pages) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int patientId, bool coursesOnly = false)
    {
        var money = await pages.PatientAsync(patientId, HttpContext.RequestAborted);
        var desk = User.IsInRole(StaffRoles.Reception) || User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.FrontDeskLead);
        return View("/Features/Billing/_BillingSummary.cshtml", new BillingSummaryModel(money, desk && !coursesOnly));
    }
}

public sealed record BillingSummaryModel(PatientMoney Money, bool ShowInvoices);
