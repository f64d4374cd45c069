using System.Net;
using System.Text.RegularExpressions;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>Helpers for talking to the site the way a browser does: read the form, send its antiforgery token back.</summary>
public static partial class HttpClientExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token in a form.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>GETs <paramref name="formPage"/>, then POSTs <paramref name="fields"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(formPage);
        var withToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        using var content = new FormUrlEncodedContent(withToken);
        return await client.PostAsync(action, content);
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        await client.PostFormAsync("/staff/sign-in", "/staff/sign-in", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        });

    public static async Task SignInAsStaffAsync(this HttpClient client, string email)
    {
        using var response = await client.SignInAsync(email, Web.Infrastructure.Database.DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
