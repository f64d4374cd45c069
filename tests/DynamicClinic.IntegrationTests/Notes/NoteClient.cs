using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>Submits the note page's forms the way a browser does: the page's hidden fields plus what was typed (repeated names for ticked boxes).</summary>
internal static class NoteClient
{
    public static string Page(string reference) => $"/staff/appointments/{reference}/note";

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string reference, string form, IEnumerable<(string Name, string Value)> fields)
    {
        var action = form.Length == 0 ? Page(reference) : $"{Page(reference)}/{form}";
        var html = await client.GetStringAsync(Page(reference));
        var hidden = HtmlForms.HiddenFields(html, action);
        return await client.PostRawAsync(action, hidden.Select(h => (h.Key, h.Value)).Concat(fields));
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string action, IEnumerable<(string Name, string Value)> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(action, content);
    }

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
