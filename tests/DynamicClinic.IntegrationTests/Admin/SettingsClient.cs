using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>What the settings tests do through the site: read the settings form, post it changed, upload photos.</summary>
public static partial class SettingsClient
{
    public const string Page = "/staff/admin/settings";

    /// <summary>A phone number libphonenumber accepts (an Islamabad landline), unlike the placeholder in appsettings.json.</summary>
    public const string ValidPhone = "+92 51 2345678";

    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [GeneratedRegex("name=\"Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    public static string VersionIn(string html)
    {
        var match = VersionField().Match(html);
        Assert.True(match.Success, "The settings page has no version field.");
        return match.Groups[1].Value;
    }

    /// <summary>Every field of the form with sensible values and <paramref name="version"/>; tests change one or two.</summary>
    public static Dictionary<string, string> Fields(string version) => new()
    {
        ["SlotStepMinutes"] = "15",
        ["BufferMinutes"] = "0",
        ["MinimumNoticeHours"] = "2",
        ["HorizonDays"] = "60",
        ["CancellationCutoffHours"] = "24",
        ["ReminderLeadHours"] = "24",
        ["Address"] = "Dynamic Clinic, Islamabad, Pakistan",
        ["Phone"] = ValidPhone,
        ["PublicEmail"] = "appointments@dynamicclinic.example",
        ["OpeningHours"] = "Monday to Saturday: 10:00 to 19:00\nSunday: closed",
        ["Version"] = version,
    };

    /// <summary>Opens the settings page, then posts its form with <paramref name="change"/> applied to sensible values.</summary>
    public static async Task<HttpResponseMessage> SaveSettingsAsync(this HttpClient admin, Action<Dictionary<string, string>> change)
    {
        var page = await admin.GetStringAsync(Page);
        var fields = Fields(VersionIn(page));
        change(fields);
        fields["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(page);
        return await admin.PostAsync(Page, fields);
    }

    /// <summary>Uploads <paramref name="bytes"/> as a file from the clinician's admin page, as a browser's file input does.</summary>
    public static async Task<HttpResponseMessage> UploadPhotoAsync(this HttpClient client, int clinicianId, byte[] bytes, string fileName, string contentType, string tokenPage = "")
    {
        var page = await client.GetStringAsync(string.IsNullOrEmpty(tokenPage) ? $"/staff/admin/clinicians/{clinicianId}" : tokenPage);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "photo", fileName);
        return await client.PostAsync($"/staff/admin/clinicians/{clinicianId}/photo", content);
    }

    /// <summary>The text of the error shown beside <paramref name="field"/>.</summary>
    public static string FieldError(string html, string field)
    {
        var decoded = WebUtility.HtmlDecode(html);
        var at = decoded.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No error beside {field}.");
        var end = decoded.IndexOf("</span>", at, StringComparison.Ordinal);
        return decoded[at..end];
    }
}
