using System.Net;
using DynamicClinic.Domain.Notes;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>Submits the note page's forms the way a browser does: the page's hidden fields plus what was typed (repeated names for ticked boxes).</summary>
internal static class NoteClient
{
    public static string Page(string reference) => $"/staff/appointments/{reference}/note";

    /// <summary>
    /// Posts one of the page's forms. "sign" posts only the signature (the note form's hidden fields without its
    /// fields, as a sign-only post does: the stored draft is signed); <see cref="SignAsTypedAsync"/> signs what is typed.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string reference, string form, IEnumerable<(string Name, string Value)> fields)
    {
        var action = form.Length == 0 ? Page(reference) : $"{Page(reference)}/{form}";
        var html = await client.GetStringAsync(Page(reference));
        var hidden = HtmlForms.HiddenFields(html, form == "sign" ? Page(reference) : action);
        if (form == "sign")
        {
            hidden.Remove("WithFields");
        }

        return await client.PostRawAsync(action, hidden.Select(h => (h.Key, h.Value)).Concat(fields));
    }

    /// <summary>The note form's "Sign note" button: what is typed is saved as the draft, then signed.</summary>
    public static async Task<HttpResponseMessage> SignAsTypedAsync(this HttpClient client, string reference, IEnumerable<(string Name, string Value)> fields)
    {
        var html = await client.GetStringAsync(Page(reference));
        var hidden = HtmlForms.HiddenFields(html, Page(reference));
        Assert.Equal("true", hidden["WithFields"]);
        return await client.PostRawAsync($"{Page(reference)}/sign", hidden.Select(h => (h.Key, h.Value)).Concat(fields));
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string action, IEnumerable<(string Name, string Value)> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(action, content);
    }

    /// <summary>A structured note's single answer to <paramref name="key"/>, or null.</summary>
    public static string? Answer(this NoteContent content, string key) => content.Answers.TryGetValue(key, out var values) ? values[0] : null;

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
