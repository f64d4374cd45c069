using System.Net.Http.Headers;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Patients;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Photos;

/// <summary>Patients, visits and uploads for photo tests, through the site's own pages where it matters.</summary>
internal static class PhotoTestData
{
    public const string HinaEmail = "dr.hina@dynamicclinic.test";

    public static string Visit(string reference) => $"/staff/appointments/{reference}/photos";

    /// <summary>A patient of Dr Ayesha (the first demo clinician) with a visit <paramref name="daysAgo"/> days ago, consent as given.</summary>
    public static async Task<(int PatientId, string Reference)> PatientWithVisitAsync(ClinicAppFactory site, string name, bool consent = true, int daysAgo = 1)
    {
        var patientId = await PatientTestData.AddPatientAsync(site, name);
        await site.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == patientId);
            patient.ConsentsToClinicalPhotos = consent;
            return await db.SaveChangesAsync();
        });
        var reference = await PatientTestData.AddAppointmentAsync(site, patientId, TimeSpan.FromDays(-daysAgo), AppointmentStatus.Completed);
        return (patientId, reference);
    }

    /// <summary>Posts the upload form of a visit with <paramref name="files"/> (view, bytes, file name), the token read from the visit's page.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string reference, params (string View, byte[] Bytes, string FileName)[] files)
    {
        var page = await client.GetStringAsync(Visit(reference));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        foreach (var (view, bytes, fileName) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, "photo-" + view, fileName);
        }

        return await client.PostAsync(Visit(reference), content);
    }

    public static Task<int> PhotoCountAsync(ClinicAppFactory site) => site.WithDbAsync(db => db.ProgressPhotos.CountAsync());

    public static Task<List<int>> PhotoIdsAsync(ClinicAppFactory site, int patientId) =>
        site.WithDbAsync(db => db.ProgressPhotos.Where(p => p.PatientId == patientId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());

    /// <summary>A staff account for Dr Hina Raza, a clinician with no appointment with the test patients.</summary>
    public static Task EnsureHinaAsync(ClinicAppFactory site) =>
        site.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync(HinaEmail) is not null)
            {
                return;
            }

            var user = new StaffUser { UserName = HinaEmail, Email = HinaEmail, EmailConfirmed = true, DisplayName = "Dr Hina Raza" };
            Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Clinician)).Succeeded);
            var db = services.GetRequiredService<ClinicDbContext>();
            var hina = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Hina Raza");
            hina.StaffUserId = user.Id;
            await db.SaveChangesAsync();
        });
}
