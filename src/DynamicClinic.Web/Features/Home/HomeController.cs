using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DynamicClinic.Web.Features.Home;

/// <summary>The clinic's home page and privacy notice: public, the same for everyone, output-cached.</summary>
[OutputCache(PolicyName = ClinicApplication.PublicPagePolicy)]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    [HttpGet("/privacy")]
    public IActionResult Privacy() => View();
}
