using DynamicClinic.Web.Features.Treatments;
using DynamicClinic.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Home;

/// <summary>The clinic's home page and privacy notice: public, the same for everyone, output-cached.</summary>
[OutputCache(PolicyName = ClinicApplication.PublicPagePolicy)]
public sealed class HomeController(IOptions<ClinicOptions> clinic) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(new HomeViewModel(clinic.Value, TreatmentCatalogue.All));

    [HttpGet("/privacy")]
    public IActionResult Privacy() => View(clinic.Value);
}

public sealed record HomeViewModel(ClinicOptions Clinic, IReadOnlyList<TreatmentGuide> Treatments);
