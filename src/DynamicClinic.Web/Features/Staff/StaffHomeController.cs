using System.Security.Claims;
using DynamicClinic.Data;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>The staff landing page: what each of the signed-in person's roles can do next.</summary>
public sealed class StaffHomeController : StaffControllerBase
{
    [HttpGet("/staff")]
    public IActionResult Index()
    {
        var roles = StaffRoles.All.Where(User.IsInRole).ToList();
        var name = User.FindFirstValue(StaffClaimTypes.DisplayName) ?? User.Identity?.Name ?? "";
        return View(new StaffHomeViewModel(name, StaffTasks.For(roles)));
    }
}

public sealed record StaffHomeViewModel(string DisplayName, IReadOnlyList<StaffRoleTasks> Roles);
