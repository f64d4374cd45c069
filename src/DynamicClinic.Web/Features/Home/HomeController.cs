using DynamicClinic.Web.Features.Treatments;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DynamicClinic.Web.Features.Home;

/// <summary>The clinic's home page and privacy notice: public, the same for everyone, output-cached.</summary>
[OutputCache(PolicyName = ClinicApplication.PublicPagePolicy)]
public sealed class HomeController(ClinicSettingsService settings) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(new HomeViewModel(settings.Details, TreatmentCatalogue.Current));

    [HttpGet("/privacy")]
    public IActionResult Privacy() => View(settings.Details);
}

public sealed record HomeViewModel(ClinicDetails Clinic, IReadOnlyList<TreatmentGuide> Treatments);
