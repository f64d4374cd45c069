using System.Reflection;
using DynamicClinic.Data;
using DynamicClinic.Web;
using DynamicClinic.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.UnitTests.Architecture;

/// <summary>
/// Thin controllers (docs: architecture, "Thin controllers"): a controller binds, validates, calls one service or
/// query and maps the result. Queries, changes, audit entries and saves live in the feature's service, so no
/// controller takes the DbContext or the audit trail.
/// </summary>
public sealed class ControllerDependencyTests
{
    // Controllers that still take them, each with why. Keep this list short: move a controller's queries into its
    // feature's service or query class and take it off.
    private static readonly HashSet<string> StillTakeTheDatabase =
    [
        // Photo upload: its validation is being rewritten in parallel (new image decoding); its save and audit move
        // into a service once that lands.
        "ClinicianPhotosController",
        // Serves a photo's bytes with ETag and cache headers: two small reads, no changes.
        "ClinicianPhotoController",
        // The patient's manage link: loads and tracks the appointment across several actions around AppointmentBooking.
        "ManageBookingController",
        // Staff accounts list and pages read Identity's users and roles directly; changes already go through StaffAccounts.
        "StaffAccountsController",
        // Sign-in flows: audit entries written beside SignInManager/UserManager calls.
        "TwoFactorSignInController",
        "PasswordController",
    ];

    public static TheoryData<string> Controllers()
    {
        var data = new TheoryData<string>();
        foreach (var type in ControllerTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Controllers))]
    public void TakesNeitherTheDbContextNorTheAuditTrail(string name)
    {
        var type = ControllerTypes().Single(t => t.Name == name);
        var takes = TakesTheDatabase(type);

        if (StillTakeTheDatabase.Contains(name))
        {
            // An exception that no longer needs to be one: take it off the list.
            Assert.True(takes, $"{name} no longer takes ClinicDbContext or AuditTrail: remove it from the exception list.");
        }
        else
        {
            Assert.False(takes, $"{name} takes ClinicDbContext or AuditTrail: move its queries and saves into its feature's service.");
        }
    }

    [Fact]
    public void EveryExceptionIsAController() =>
        Assert.All(StillTakeTheDatabase, name => Assert.Contains(ControllerTypes(), t => t.Name == name));

    private static IEnumerable<Type> ControllerTypes() =>
        typeof(ClinicApplication).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ControllerBase).IsAssignableFrom(t));

    private static bool TakesTheDatabase(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters())
            .Any(p => p.ParameterType == typeof(ClinicDbContext) || p.ParameterType == typeof(AuditTrail));
}
