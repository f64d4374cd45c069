using System.Net;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>The schedules, closures and treatments pages: anonymous visitors are sent to sign in, other staff get 403, nothing changes.</summary>
public class ScheduleAdminAuthorizationTests : IClassFixture<ScheduleAdminAuthorizationTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;
    private int _timeOffId;
    private int _closureId;

    public ScheduleAdminAuthorizationTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        (_timeOffId, _closureId) = await _factory.WithDbAsync(async db =>
        {
            var timeOff = await db.TimeOff.FirstOrDefaultAsync(t => t.Reason == "Seeded leave");
            if (timeOff is null)
            {
                timeOff = new Domain.Clinicians.TimeOff { ClinicianId = 2, StartUtc = new DateTime(2026, 12, 14, 19, 0, 0, DateTimeKind.Utc), EndUtc = new DateTime(2026, 12, 15, 19, 0, 0, DateTimeKind.Utc), Reason = "Seeded leave" };
                db.TimeOff.Add(timeOff);
                db.ClinicClosures.Add(new Domain.Clinicians.ClinicClosure { Date = new DateOnly(2026, 12, 25), Reason = "Quaid-e-Azam Day" });
                await db.SaveChangesAsync();
            }

            return (timeOff.Id, (await db.ClinicClosures.SingleAsync()).Id);
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> GetRoutes() =>
    [
        "/staff/admin/clinicians",
        "/staff/admin/clinicians/2",
        "/staff/admin/closures",
        "/staff/admin/treatments",
        "/staff/admin/treatments/new",
        "/staff/admin/treatments/2",
    ];

    public static TheoryData<string> PostRoutes() =>
    [
        "/staff/admin/clinicians/2/profile",
        "/staff/admin/clinicians/2/hours",
        "/staff/admin/clinicians/2/time-off",
        "/staff/admin/clinicians/2/time-off/{timeOff}/remove",
        "/staff/admin/closures",
        "/staff/admin/closures/{closure}/remove",
        "/staff/admin/treatments/new",
        "/staff/admin/treatments/2",
    ];

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task AnonymousGetIsSentToSignIn(string route)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(Path(route));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task AnonymousPostIsSentToSignInAndChangesNothing(string route)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostFormAsync("/staff/sign-in", Path(route), Fields());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task OtherStaffGetForbidden(string route)
    {
        foreach (var email in new[] { DemoDataSeeder.ReceptionEmail, DemoDataSeeder.ClinicianEmail })
        {
            using var client = _factory.CreateClient();
            await client.SignInAsStaffAsync(email);

            using var response = await client.GetAsync(Path(route));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task OtherStaffPostIsForbiddenAndChangesNothing(string route)
    {
        foreach (var email in new[] { DemoDataSeeder.ReceptionEmail, DemoDataSeeder.ClinicianEmail })
        {
            using var client = _factory.CreateClient();
            await client.SignInAsStaffAsync(email);

            using var response = await client.PostFormAsync("/staff", Path(route), Fields());

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task TheStaffHomeLinksAdminsToSchedules()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        var home = await client.GetStringAsync("/staff");

        Assert.Contains("href=\"/staff/admin/clinicians\"", home, StringComparison.Ordinal);
    }

    private string Path(string route) => route
        .Replace("{timeOff}", _timeOffId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{closure}", _closureId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static Dictionary<string, string> Fields() => new()
    {
        ["DisplayName"] = "Intruder",
        ["Name"] = "Intruder",
        ["Slug"] = "intruder",
        ["Monday"] = "",
        ["From"] = "2026-12-21",
        ["To"] = "2026-12-21",
        ["Date"] = "2026-12-22",
        ["Reason"] = "Intrusion",
        ["ConsultationMinutes"] = "30",
        ["SessionMinutes"] = "30",
    };

    private async Task AssertNothingChangedAsync()
    {
        await _factory.WithDbAsync(async db =>
        {
            // The demo appointments' bookings are audited by the seeder; nothing else may be.
            Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action != AuditActions.AppointmentBooked));
            Assert.Equal("Dr Omar Farooq", (await db.Clinicians.SingleAsync(c => c.Id == 2)).DisplayName);
            Assert.Equal(12, await db.WorkingHours.CountAsync(h => h.ClinicianId == 2));
            Assert.Equal(1, await db.TimeOff.CountAsync());
            Assert.Equal(1, await db.ClinicClosures.CountAsync());
            Assert.False(await db.Treatments.AnyAsync(t => t.Slug == "intruder" || t.Name == "Intruder"));
            return 0;
        });
    }
}
