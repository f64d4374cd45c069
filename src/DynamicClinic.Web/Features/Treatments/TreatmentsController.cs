using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DynamicClinic.Web.Features.Treatments;

/// <summary>The hair-loss treatment guides: public, the same for everyone, output-cached.</summary>
[OutputCache(PolicyName = ClinicApplication.PublicPagePolicy)]
public sealed class TreatmentsController : Controller
{
    [HttpGet("/treatments")]
    public IActionResult Index() => View(TreatmentCatalogue.Current);

    [HttpGet("/treatments/{slug}")]
    public IActionResult Details(string slug)
    {
        // Lookup ignores case, as the output cache's keys do: /treatments/Mesotherapy is the same page.
        var guide = TreatmentCatalogue.FindCurrent(slug);
        if (guide is null)
        {
            return NotFound();
        }

        var others = TreatmentCatalogue.Current.Where(g => g.Slug != guide.Slug).ToList();
        return View(new TreatmentDetailsViewModel(guide, others));
    }
}

public sealed record TreatmentDetailsViewModel(TreatmentGuide Guide, IReadOnlyList<TreatmentGuide> OtherTreatments);
