using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Features.Treatments;

namespace DynamicClinic.IntegrationTests.SiteWide;

/// <summary>
/// The Nu Html Checker (vnu.jar, from npm; ./eng/test.sh fetches it and installs a Java runtime) over every public
/// page as the site serves it, booking steps and error pages included. One Java start for all pages: the JVM is the
/// slow part. Errors fail the test with their page, line and column; warnings are allowed.
/// </summary>
public class HtmlValidationTests(HtmlValidationTests.Factory factory) : IClassFixture<HtmlValidationTests.Factory>
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Monday = new(2026, 11, 30);

    /// <summary><c>$VNU_JAR</c> when set, else where ./eng/test.sh puts it.</summary>
    private static string VnuJar => Environment.GetEnvironmentVariable("VNU_JAR") is { Length: > 0 } jar
        ? jar
        : Path.Combine(TestRunFolder.RepositoryRoot(), "artifacts", "tools", "vnu", "vnu.jar");

    [Fact]
    public async Task PublicPagesHaveNoHtmlErrors()
    {
        Assert.True(File.Exists(VnuJar), $"The HTML checker is missing: {VnuJar}. ./eng/test.sh fetches it (npm pack vnu-jar).");
        await factory.SeedDemoDataAsync();
        var pages = await RenderPublicPagesAsync();

        var folder = Path.Combine(TestRunFolder.Root, "html");
        Directory.CreateDirectory(folder);
        var files = pages.Select((page, i) =>
        {
            var file = Path.Combine(folder, $"{i:00}-{page.Name}.html");
            File.WriteAllText(file, page.Html);
            return (File: file, page.Path);
        }).ToDictionary(f => f.File, f => f.Path);

        var errors = await RunVnuAsync(files.Keys);

        string PageOf(string url) => url.StartsWith("file:", StringComparison.Ordinal) && files.TryGetValue(new Uri(url).LocalPath, out var path) ? path : url;

        Assert.True(errors.Count == 0, $"The HTML checker found {errors.Count} errors in {folder}:{Environment.NewLine}" + string.Join(
            Environment.NewLine,
            errors.Select(e => $"  {PageOf(e.Url)} line {e.Line}, column {e.Column}: {e.Message} [{e.Extract}]")));
    }

    private async Task<List<(string Name, string Path, string Html)>> RenderPublicPagesAsync()
    {
        var pages = new List<(string Name, string Path, string Html)>();
        using var client = factory.CreateClient();

        async Task<string> Get(string name, string path, HttpStatusCode expected = HttpStatusCode.OK)
        {
            using var response = await client.GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{path} answered {(int)response.StatusCode}, expected {(int)expected}.");
            var html = await response.Content.ReadAsStringAsync();
            pages.Add((name, path, html));
            return html;
        }

        async Task<string> Post(string name, Task<HttpResponseMessage> posting)
        {
            using var response = await posting;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            pages.Add((name, "POST " + name, html));
            return html;
        }

        await Get("home", "/");
        await Get("treatments", "/treatments");
        foreach (var guide in TreatmentCatalogue.All)
        {
            await Get($"treatment-{guide.Slug}", $"/treatments/{guide.Slug}");
        }

        await Get("privacy", "/privacy");
        await Get("not-found", "/no-such-page", HttpStatusCode.NotFound);
        await Get("error", "/error/500", HttpStatusCode.InternalServerError);
        await Get("staff-sign-in", "/staff/sign-in");

        // The public pages in Urdu (right to left).
        await Get("ur-home", "/ur");
        await Get("ur-treatments", "/ur/treatments");
        foreach (var guide in TreatmentCatalogue.All)
        {
            await Get($"ur-treatment-{guide.Slug}", $"/ur/treatments/{guide.Slug}");
        }

        await Get("ur-privacy", "/ur/privacy");
        await Get("ur-not-found", "/ur/no-such-page", HttpStatusCode.NotFound);

        // Booking, step by step, as a visitor takes it.
        await Get("book", "/book");
        await Get("book-treatment", "/book?treatment=mesotherapy");
        await Get("book-time", "/book/time?treatment=mesotherapy&clinician=any");
        await Get("book-time-date", $"/book/time?treatment=mesotherapy&clinician=any&date={Monday:yyyy-MM-dd}");
        var visitor = new BookingVisitor(client);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Monday, Monday))[0].Slot;
        await Get("book-details", $"/book/details?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(slot)}");
        var refused = new Dictionary<string, string>(BookingVisitor.Details()) { ["FullName"] = "", ["Phone"] = "12" };
        Assert.Contains("FullName-error", await Post("book-details-errors", visitor.SubmitDetailsAsync("mesotherapy", slot, refused)), StringComparison.Ordinal);
        var review = await Post("book-review", visitor.SubmitDetailsAsync("mesotherapy", slot, BookingVisitor.Details(name: "Html Check", phone: "0321 5550777", email: "html.check@example.test")));
        using var confirmed = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var confirmation = confirmed.Headers.Location!.OriginalString;
        await Get("booking-confirmed", confirmation);
        var manage = confirmation.Replace("&confirmed=1", "", StringComparison.Ordinal);
        await Get("booking-manage", manage);
        var token = manage[(manage.IndexOf("?token=", StringComparison.Ordinal) + 7)..];
        var reference = manage[9..manage.IndexOf('?', StringComparison.Ordinal)];
        await Get("booking-reschedule", $"/booking/{reference}/reschedule?token={token}");
        await Get("booking-not-found", $"/booking/{reference}?token=wrong", HttpStatusCode.NotFound);

        // The booking flow in Urdu, right to left: start, time, details (with its messages), review, manage.
        await Get("ur-book", "/ur/book");
        await Get("ur-book-treatment", "/ur/book?treatment=mesotherapy");
        await Get("ur-book-time-date", $"/ur/book/time?treatment=mesotherapy&clinician=any&date={Monday:yyyy-MM-dd}");
        var urdu = new BookingVisitor(client, "/ur");
        var urduSlot = (await urdu.SlotsAsync("mesotherapy", "any", Monday, Monday))[0].Slot;
        await Get("ur-book-details", $"/ur/book/details?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(urduSlot)}");
        Assert.Contains("FullName-error", await Post("ur-book-details-errors", urdu.SubmitDetailsAsync("mesotherapy", urduSlot, refused)), StringComparison.Ordinal);
        var urduReview = await Post("ur-book-review", urdu.SubmitDetailsAsync("mesotherapy", urduSlot, BookingVisitor.Details(name: "ایچ ٹی ایم ایل جانچ", phone: "0321 5550778", email: "html.urdu@example.test")));
        using var urduConfirmed = await urdu.ConfirmAsync(urduReview);
        Assert.Equal(HttpStatusCode.Redirect, urduConfirmed.StatusCode);
        var urduConfirmation = urduConfirmed.Headers.Location!.OriginalString;
        await Get("ur-booking-confirmed", urduConfirmation);
        var urduManage = urduConfirmation.Replace("&confirmed=1", "", StringComparison.Ordinal);
        await Get("ur-booking-manage", urduManage);
        var urduToken = urduManage[(urduManage.IndexOf("?token=", StringComparison.Ordinal) + 7)..];
        var urduReference = urduManage[12..urduManage.IndexOf('?', StringComparison.Ordinal)];
        await Get("ur-booking-reschedule", $"/ur/booking/{urduReference}/reschedule?token={urduToken}");
        await Get("ur-booking-cancel", $"/ur/booking/{urduReference}/cancel?token={urduToken}");
        return pages;
    }

    private sealed record VnuError(string Url, int Line, int Column, string Message, string Extract);

    private static async Task<List<VnuError>> RunVnuAsync(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-Xss4m", "-jar", VnuJar, "--errors-only", "--format", "json" }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Java is missing ({e.Message}); ./eng/test.sh installs default-jre-headless.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var report = await process.StandardError.ReadToEndAsync();
            await output;
            await process.WaitForExitAsync();
            Assert.True(report.TrimStart().StartsWith('{'), $"vnu did not report in JSON (exit code {process.ExitCode}): {report}{await output}");
            using var json = JsonDocument.Parse(report);
            return json.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("type").GetString() == "error" || m.GetProperty("type").GetString() == "non-document-error")
                .Select(m => new VnuError(
                    m.TryGetProperty("url", out var url) ? url.GetString()! : "",
                    m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
                    m.TryGetProperty("firstColumn", out var column) ? column.GetInt32() : m.TryGetProperty("lastColumn", out var last) ? last.GetInt32() : 0,
                    m.GetProperty("message").GetString()!,
                    m.TryGetProperty("extract", out var extract) ? extract.GetString()!.ReplaceLineEndings(" ") : ""))
                .ToList();
        }
    }
}
