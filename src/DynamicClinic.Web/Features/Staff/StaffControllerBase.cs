using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>
/// Base of every page under <c>/staff</c>: a signed-in member of staff at least (pages narrow it with a
/// policy of their own), never stored by browsers or proxies and never output-cached. A staff member who still has
/// a one-time password is sent to choose their own first (<see cref="PasswordChangeRequiredAttribute"/>), and one
/// without two-factor sign-in the clinic requires is sent to set it up (<see cref="TwoFactorRequiredAttribute"/>).
/// </summary>
[Authorize(Policy = Policies.Staff)]
[PasswordChangeRequired]
[TwoFactorRequired]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[OutputCache(NoStore = true)]
public abstract class StaffControllerBase : Controller
{
}
